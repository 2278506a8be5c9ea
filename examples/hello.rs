//! A bare eframe window: the baseline that Waymark's startup time and memory are measured against.
//!
//! Built like the app (`cargo build --release --example hello`) and timed by `tools/startup.sh`.
//! It draws one label and nothing else, so whatever Waymark costs beyond it is Waymark's own.

fn main() -> eframe::Result {
    // The same window size as Waymark's, so both draw the same number of pixels.
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Hello eframe")
            .with_inner_size([1180.0, 760.0]),
        ..Default::default()
    };
    eframe::run_native("Hello eframe", options, Box::new(|_cc| Ok(Box::new(Hello))))
}

struct Hello;

impl eframe::App for Hello {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("Hello");
        });
    }
}
