//! The mentor loop in the window: the learner sends a check-in, a mentor (in a Waymark of
//! their own) opens it and writes a reply, the learner previews it and takes it in; undo.

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;

use crate::common;
use crate::mentor::{click_button, mentor_page, replace_text, with_a_mentor};

/// The learner on `root` sends a check-in to `packet`, asking `question`.
fn send(root: &std::path::Path, packet: &std::path::Path, question: &str) {
    let mut h = mentor_page(root);
    replace_text(&mut h, "Questions for your mentor (one a line)", question);
    replace_text(&mut h, "Save the check-in to", packet.to_str().unwrap());
    click_button(&mut h, "Send to your mentor");
    h.get_by_label_contains("Saved your check-in");
    common::wait_for_autosave(&mut h);
}

#[test]
fn a_check_in_goes_out_a_reply_comes_back_and_shows_on_the_milestone() {
    let learner = common::data_dir();
    with_a_mentor(learner.path());
    let files = tempfile::tempdir().unwrap();
    let packet = files.path().join("check-in.md");
    let reply = files.path().join("reply.ron");

    // The learner sends it, with a question.
    send(learner.path(), &packet, "Is my baseline fair?");
    assert!(packet.exists());

    // The mentor opens it in a Waymark of their own and replies; their data is untouched.
    let mentor = common::data_dir();
    let mut m = mentor_page(mentor.path());
    let before = common::records(mentor.path());
    replace_text(&mut m, "The learner's check-in", packet.to_str().unwrap());
    click_button(&mut m, "Open");
    m.get_by_label_contains("Asks: Is my baseline fair?");
    m.get_by_role_and_label(Role::CheckBox, "Sign off “Python for data work”")
        .click();
    m.run();
    m.get_by_role_and_label(
        Role::CheckBox,
        "Suggest a new target for “Ship your first recommender”",
    )
    .click();
    m.run();
    replace_text(
        &mut m,
        "Goals to suggest (CURRICULUM/GOAL, one a line)",
        "ai-engineer/first-chatbot",
    );
    replace_text(&mut m, "Your note", "A fair start.");
    replace_text(&mut m, "Next steps (one a line)", "Try a second baseline");
    replace_text(&mut m, "Your name", "Ana Ruiz");
    replace_text(&mut m, "Save the reply to", reply.to_str().unwrap());
    click_button(&mut m, "Write the reply");
    assert!(reply.exists());
    m.get_by_label_contains("Wrote your reply");
    drop(m);
    assert!(
        common::records(mentor.path()) == before,
        "the mentor's own records changed"
    );

    // The learner previews it (nothing changes) and takes it in.
    let mut h = mentor_page(learner.path());
    replace_text(&mut h, "Your mentor's reply", reply.to_str().unwrap());
    click_button(&mut h, "Preview the reply");
    h.get_by_label_contains("Ana Ruiz signs off “Python for data work”");
    assert!(h.state().workspace().state().sign_offs.is_empty());
    click_button(&mut h, "Take it in");
    let state = h.state().workspace().state();
    assert_eq!(state.sign_offs.len(), 1);
    assert!(
        state
            .mentor
            .check_ins
            .iter()
            .any(|c| c.mentor == "Ana Ruiz")
    );
    // A suggested goal is offered with Adopt, not adopted.
    h.get_by_label_contains("Ana Ruiz suggests the goal “Ship a chatbot”");
    assert!(
        state.goals.iter().all(|g| g.title != "Ship a chatbot"),
        "a suggested goal was adopted"
    );
    // The new target is offered, not made: the learner moves it.
    let goal = "first-recommender";
    let before = state.goal(goal).unwrap().target;
    h.get_by_label_contains("Ana Ruiz suggests moving the target of “Ship your first recommender”");
    click_button(&mut h, "Move it");
    let after = h.state().workspace().state().goal(goal).unwrap().target;
    assert_ne!(before, after);
    // On the milestone, in the learner's words.
    h.get_all_by_label("Curricula").next().unwrap().click();
    h.run();
    h.get_all_by_label("Python for data work")
        .next()
        .unwrap()
        .click();
    h.run();
    h.get_by_label_contains("Signed off by Ana Ruiz on");
    // Undo takes the target's move back, then the whole reply.
    for _ in 0..2 {
        h.get_all_by_role_and_label(Role::Button, "Undo")
            .next()
            .unwrap()
            .click();
        h.run();
    }
    let state = h.state().workspace().state();
    assert_eq!(state.goal(goal).unwrap().target, before);
    assert!(state.sign_offs.is_empty());
    assert!(
        h.query_by_label_contains("Signed off by Ana Ruiz")
            .is_none()
    );
}

#[test]
fn a_reply_to_another_learners_check_in_is_refused_in_the_preview() {
    let other = common::data_dir();
    with_a_mentor(other.path());
    let files = tempfile::tempdir().unwrap();
    let packet = files.path().join("theirs.md");
    let reply = files.path().join("reply.ron");
    send(other.path(), &packet, "");
    let mut m = mentor_page(common::data_dir().path());
    replace_text(&mut m, "The learner's check-in", packet.to_str().unwrap());
    click_button(&mut m, "Open");
    replace_text(&mut m, "Your name", "Ana Ruiz");
    replace_text(&mut m, "Save the reply to", reply.to_str().unwrap());
    click_button(&mut m, "Write the reply");
    drop(m);
    // Another learner, who never sent that check-in.
    let learner = common::data_dir();
    with_a_mentor(learner.path());
    let before = crate::support::snapshot(learner.path());
    let mut h = mentor_page(learner.path());
    replace_text(&mut h, "Your mentor's reply", reply.to_str().unwrap());
    click_button(&mut h, "Preview the reply");
    h.get_by_label_contains("which you never sent");
    assert!(
        h.query_by_role_and_label(Role::Button, "Take it in")
            .is_none()
    );
    drop(h);
    assert!(
        crate::support::snapshot(learner.path()) == before,
        "the learner's data directory changed"
    );
}

#[test]
fn snapshots_of_a_mentor_answering_a_check_in() {
    // A packet at a path that is the same on every run: the form shows it.
    let packet = std::env::temp_dir().join("waymark-snapshot-check-in.md");
    {
        let learner = common::data_dir();
        with_a_mentor(learner.path());
        send(learner.path(), &packet, "Is my baseline fair?");
    }
    let open = || {
        let dir = common::data_dir();
        let app = common::open(dir.path()).without_native_dialogs();
        (dir, app)
    };
    let path = packet.to_str().unwrap().to_owned();
    common::snapshot_every_size_and_theme("mentor_reply", open, |h| {
        common::show_screen(h, "Mentor");
        replace_text(h, "The learner's check-in", &path);
        click_button(h, "Open");
        h.get_by_role_and_label(Role::CheckBox, "Sign off “Python for data work”")
            .click();
        h.run();
        replace_text(h, "Your name", "Ana Ruiz");
        h.get_by_role_and_label(Role::CheckBox, "Sign off “Python for data work”")
            .scroll_to_me();
        h.run();
    });
    let _ = std::fs::remove_file(packet);
}
