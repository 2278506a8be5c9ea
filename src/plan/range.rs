//! How long the work left takes, as a range: the likely figure and the late one, from each
//! milestone's estimates and the learner's own pace.
//!
//! **The model.** A milestone's hours are lognormal, with its `effort_hours` as the median and
//! its `effort_hours_high` as the 90th percentile (a default spread where the curriculum gives
//! none). Durations are skewed this way in practice: a task rarely takes a third of its
//! estimate, and often takes two or three times it. Milestones vary independently around a
//! factor they share, the learner's *pace* (how their hours compare with the estimates), which
//! is itself uncertain while little is known of it. So the hours of a stretch of work are
//! `P * (X1 + X2 + ...)`, with `P` the pace and each `Xi` one milestone's hours.
//!
//! **The sum** of independent lognormals is approximated by one lognormal with the same mean
//! and variance (Fenton and Wilkinson, 1960), the textbook closed form; it is exact for one
//! milestone and close for many. The pace is lognormal too, so the product stays lognormal
//! and its percentiles are closed forms. Everything is a running sum of means and variances,
//! so a plan is linear in milestones and the same state always gives the same dates.
//!
//! **The pace** is learnt from finished milestones with hours logged, from the log ratios
//! `ln(logged / estimate)`, shrunk towards 0 (a pace of 1) as a normal-normal model does, with
//! the prior weighing as much as `K` milestones. The estimate is robust (Huber's, with a
//! threshold that grows with the evidence, [`MAX_INFLUENCE`]): a milestone far from the pace
//! found counts as if it were only that far, so one odd entry moves the pace by a few percent
//! at most, while milestones that agree move it all the way. A milestone finished with less than
//! [`PARTIAL_RATIO`] of its estimate logged is most likely a partial log, not a tenfold-fast
//! learner: it weighs in proportion. The uncertainty shrinks with the weight learnt from, which
//! is what narrows the ranges as the learner goes.

/// The standard normal's 90th percentile.
const Z90: f64 = 1.281_551_565_545;

/// The spread assumed when a curriculum gives no `effort_hours_high`: the 90th percentile is
/// twice the median. Learners miss published estimates by up to about 3x; 2x at the 90th
/// percentile puts a 3x miss at about the 98th.
pub const DEFAULT_SPREAD: f64 = 2.0;

/// The spread for a milestone with no estimate at all, counted at its curriculum's median:
/// nothing is known of it, so it is wider.
pub const UNESTIMATED_SPREAD: f64 = 3.0;

/// How many finished milestones weigh as much as the prior belief that the estimates hold:
/// `K = s² / τ²`, with `τ = 0.4` the prior spread of a learner's log pace (most learners are
/// within 0.45x to 2.2x of the estimates) and `s = 0.8` the spread of one milestone's log
/// ratio around the learner's own pace.
const PRIOR_WEIGHT: f64 = 4.0;
const MILESTONE_LOG_SD: f64 = 0.8;

/// A logged ratio further out than this from the estimate is taken as this: one typo of
/// "400" hours should not make every date move by years.
const MAX_RATIO: f64 = 10.0;

/// How much (in log ratio) one milestone may move the pace: Huber's threshold is this times
/// the weight of all the evidence (the prior's four milestones included), so one milestone
/// alone moves the pace by `exp(0.05 * 5 / 4)`, 6.5% at most, and later ones about 5% each,
/// while milestones that agree are learnt in full however far they are from the estimates.
const MAX_INFLUENCE: f64 = 0.05;

/// A milestone finished with less than this share of its estimate logged weighs as much as
/// the share it logged of this (a tenth logged of a half: a fifth of a milestone).
const PARTIAL_RATIO: f64 = 0.5;

/// The share of a milestone's likely hours that stays left however many hours were logged on
/// it, while it is not finished.
pub const LEAST_LEFT: f64 = 0.1;

/// The learner's pace: how the hours they logged on finished milestones compare with the
/// estimates.
#[derive(Clone, Debug, PartialEq)]
pub struct Pace {
    /// Finished milestones with hours logged and an estimate: what the pace is learnt from.
    pub milestones: usize,
    /// Of those, the ones with far fewer hours logged than estimated, which count for little.
    pub partial: usize,
    /// What those milestones showed, before shrinking: `exp(mean(ln(logged / estimate)))`.
    pub observed: Option<f64>,
    /// The factor the plan multiplies every estimate by.
    pub factor: f64,
    /// The standard deviation of the log of the factor.
    log_sd: f64,
}

impl Default for Pace {
    fn default() -> Self {
        Self::learn(std::iter::empty())
    }
}

impl Pace {
    /// Learns the pace from `(logged, estimate)` pairs of finished milestones.
    pub fn learn(samples: impl IntoIterator<Item = (f64, f64)>) -> Self {
        // Each milestone's log ratio and the weight of its evidence.
        let mut seen: Vec<(f64, f64)> = Vec::new();
        let mut partial = 0;
        for (logged, estimate) in samples {
            if logged > 0.0 && estimate > 0.0 && logged.is_finite() && estimate.is_finite() {
                let ratio = (logged / estimate).clamp(1.0 / MAX_RATIO, MAX_RATIO);
                let weight = if ratio < PARTIAL_RATIO {
                    partial += 1;
                    ratio / PARTIAL_RATIO
                } else {
                    1.0
                };
                seen.push((ratio.ln(), weight));
            }
        }
        let n = seen.len();
        let mean = if n == 0 {
            0.0
        } else {
            seen.iter().map(|(r, _)| r).sum::<f64>() / n as f64
        };
        // Huber's estimate with the prior as K milestones at 0: the root of the increasing,
        // piecewise linear `F(p) = K p - sum w clip(r - p, -c, c)`, by Newton's steps kept
        // inside a bracket (each step is exact on a linear piece, so a few passes do).
        let weight: f64 = seen.iter().map(|(_, w)| w).sum();
        let huber = MAX_INFLUENCE * (weight + PRIOR_WEIGHT);
        let f = |p: f64| {
            let (mut value, mut slope) = (PRIOR_WEIGHT * p, PRIOR_WEIGHT);
            for &(r, w) in &seen {
                let d = r - p;
                value -= w * d.clamp(-huber, huber);
                if d.abs() < huber {
                    slope += w;
                }
            }
            (value, slope)
        };
        let spread = seen.iter().fold(0.0_f64, |m, (r, _)| m.max(r.abs()));
        let (mut lo, mut hi) = (-spread - huber, spread + huber);
        // From the plain shrunk mean, which is the root when no milestone lies past the
        // threshold: most learners' data, settled in a pass or two.
        let plain = seen.iter().map(|(r, w)| r * w).sum::<f64>() / (weight + PRIOR_WEIGHT);
        let mut pace = if plain.is_finite() {
            plain.clamp(lo, hi)
        } else {
            0.0
        };
        for _ in 0..100 {
            let (value, slope) = f(pace);
            if value == 0.0 {
                break;
            }
            if value > 0.0 {
                hi = pace;
            } else {
                lo = pace;
            }
            let newton = pace - value / slope;
            let next = if newton > lo && newton < hi {
                newton
            } else {
                (lo + hi) / 2.0
            };
            if (next - pace).abs() < 1e-13 {
                pace = next;
                break;
            }
            pace = next;
        }
        Self {
            milestones: n,
            partial,
            observed: (n > 0).then(|| mean.exp()),
            factor: pace.exp(),
            log_sd: MILESTONE_LOG_SD / (weight + PRIOR_WEIGHT).sqrt(),
        }
    }

    /// The pace in words, as the dashboard and `waymark plan` say it.
    pub fn words(&self) -> String {
        let Some(observed) = self.observed else {
            return "No finished milestone has hours logged yet, so the plan takes the estimates \
                    as they are, with room for them to be wrong."
                .to_owned();
        };
        let factor = format!("{:.1}", self.factor);
        let lead = if factor == "1.0" {
            "You take about as long as the estimates so far".to_owned()
        } else {
            format!("You take about {factor}x the estimates so far")
        };
        let count = match self.milestones {
            1 => "1 finished milestone".to_owned(),
            n => format!("{n} finished milestones"),
        };
        // Why the pace is what it is: partial logs count for little, and few milestones (or
        // one odd one) move it only a little.
        let partial = match (self.partial, self.milestones) {
            (0, _) => String::new(),
            (1, 1) => ", but with far fewer hours logged than its estimate it looks like a partial log and counts for little".to_owned(),
            (1, _) => ", one of them with far fewer hours logged than its estimate, which counts for little".to_owned(),
            (p, _) => format!(", {p} of them with far fewer hours logged than their estimates, which count for little"),
        };
        if (observed - self.factor).abs() < 0.05 {
            format!("{lead}, from {count}{partial}.")
        } else if self.partial == self.milestones {
            format!("{lead}: {count} showed {observed:.1}x{partial}.")
        } else {
            format!(
                "{lead}: {count} showed {observed:.1}x{partial}; one milestone moves the pace \
                 a few percent at most, so the plan leans towards the estimates until more \
                 are done."
            )
        }
    }
}

/// The mean and variance of some hours of work.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Moments {
    mean: f64,
    var: f64,
}

impl Moments {
    /// One milestone's hours: lognormal with median `likely` and 90th percentile `high`.
    pub fn of(likely: f64, high: f64) -> Self {
        if !(likely > 0.0 && likely.is_finite()) {
            return Self::default();
        }
        let sigma = (high / likely).ln().max(0.0) / Z90;
        let s2 = if sigma.is_finite() {
            sigma * sigma
        } else {
            0.0
        };
        let mean = likely * (s2 / 2.0).exp();
        Self {
            mean,
            var: mean * mean * s2.exp_m1(),
        }
    }

    pub fn add(&mut self, other: Self) {
        self.mean += other.mean;
        self.var += other.var;
    }

    /// The likely (50th percentile) and late (90th) hours of this work at `pace`.
    pub fn range(self, pace: &Pace) -> Hours {
        let Some(Lognormal { mu, sd }) = self.lognormal(pace) else {
            return Hours::default();
        };
        Hours {
            likely: mu.exp(),
            late: (mu + Z90 * sd).exp(),
        }
    }

    /// This work's hours at `pace` as a lognormal; `None` for no work.
    pub fn lognormal(self, pace: &Pace) -> Option<Lognormal> {
        if !(self.mean > 0.0 && self.mean.is_finite()) {
            return None;
        }
        let s2 = (self.var / (self.mean * self.mean)).ln_1p();
        Some(Lognormal {
            mu: self.mean.ln() - s2 / 2.0 + pace.factor.ln(),
            sd: (s2 + pace.log_sd * pace.log_sd).sqrt(),
        })
    }
}

/// Hours as `exp(N(mu, sd²))`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lognormal {
    pub mu: f64,
    pub sd: f64,
}

impl Lognormal {
    /// The hours at probability `p` (0 < p < 1): exactly [`Hours::likely`] at 0.5 and
    /// [`Hours::late`] at 0.9, so that a curve and the dates agree to the day.
    pub fn quantile(self, p: f64) -> f64 {
        (self.mu + z_of(p) * self.sd).exp()
    }
}

/// The standard normal's quantile: exact at 0.5 and 0.9 (the plan's two dates), Acklam's
/// rational approximation elsewhere (relative error under 1.2e-9).
pub fn z_of(p: f64) -> f64 {
    if p == 0.5 {
        return 0.0;
    }
    if p == 0.9 {
        return Z90;
    }
    let p = p.clamp(1e-12, 1.0 - 1e-12);
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < 0.02425 {
        tail((-2.0 * p.ln()).sqrt())
    } else if p > 1.0 - 0.02425 {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

/// Hours of work as a range.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Hours {
    /// About the 50th percentile.
    pub likely: f64,
    /// About the 90th percentile.
    pub late: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_milestone_keeps_its_estimates_as_median_and_90th_percentile() {
        let h = Moments::of(10.0, 25.0).range(&Pace {
            log_sd: 0.0,
            ..Pace::default()
        });
        assert!((h.likely - 10.0).abs() < 1e-9, "{h:?}");
        assert!((h.late - 25.0).abs() < 1e-9, "{h:?}");
    }

    #[test]
    fn the_pace_shrinks_towards_the_estimates_while_few_milestones_are_finished() {
        let one = Pace::learn([(20.0, 10.0)]);
        let twenty = Pace::learn(std::iter::repeat_n((20.0, 10.0), 20));
        // One milestone alone moves the pace 6.5% at most; twenty that agree, as far as the
        // plain normal-normal model would (20 / 24 of the way).
        assert!(
            (one.factor - (MAX_INFLUENCE * 5.0 / 4.0).exp()).abs() < 1e-6,
            "{one:?}"
        );
        assert!(
            (twenty.factor - 2f64.powf(20.0 / 24.0)).abs() < 1e-6,
            "{twenty:?}"
        );
        assert!(one.log_sd > twenty.log_sd);
        assert_eq!(Pace::default().factor, 1.0);
        assert_eq!(one.observed, Some(2.0));
    }

    #[test]
    fn one_partial_log_does_not_make_a_fast_learner() {
        // The case: 3.5 h logged on a 40 h milestone, then Done.
        let pace = Pace::learn([(3.5, 40.0)]);
        assert!(pace.factor > 0.98 && pace.factor < 1.0, "{pace:?}");
        assert_eq!(pace.partial, 1);
        let words = pace.words();
        assert!(words.contains("looks like a partial log"), "{words}");
        // Among honest ones it moves nothing much either.
        let honest = std::iter::repeat_n((12.0, 10.0), 9);
        let with = Pace::learn(honest.clone().chain([(1.0, 40.0)]));
        let without = Pace::learn(honest);
        assert!(
            (with.factor / without.factor - 1.0).abs() < 0.02,
            "{with:?} {without:?}"
        );
    }

    #[test]
    fn a_slow_learner_is_still_learnt_and_the_pace_moves_with_the_evidence() {
        let mut last = 1.0;
        for n in [1, 2, 5, 10, 40] {
            let pace = Pace::learn(std::iter::repeat_n((30.0, 10.0), n));
            assert!(pace.factor > last, "{n}: {pace:?}");
            last = pace.factor;
        }
        assert!(last > 2.5, "40 milestones at 3x: {last}");
        // Eight that agree are believed: the old, plain model gave 2.08x.
        let eight = Pace::learn(std::iter::repeat_n((30.0, 10.0), 8));
        assert!(
            (eight.factor - 3f64.powf(8.0 / 12.0)).abs() < 1e-6,
            "{eight:?}"
        );
    }

    #[test]
    fn the_normal_quantile_is_exact_at_the_plans_two_points_and_close_elsewhere() {
        assert_eq!(z_of(0.5), 0.0);
        assert_eq!(z_of(0.9), Z90);
        for (p, z) in [
            (0.1, -1.281_551_565_545),
            (0.25, -0.674_489_750_196),
            (0.75, 0.674_489_750_196),
            (0.95, 1.644_853_626_951),
            (0.99, 2.326_347_874_041),
            (0.001, -3.090_232_306_168),
        ] {
            assert!((z_of(p) - z).abs() < 1e-8, "{p}: {}", z_of(p));
        }
        let h = Moments::of(10.0, 25.0).range(&Pace::default());
        let l = Moments::of(10.0, 25.0).lognormal(&Pace::default()).unwrap();
        assert_eq!(l.quantile(0.5), h.likely);
        assert_eq!(l.quantile(0.9), h.late);
    }

    #[test]
    fn a_typo_in_the_logged_hours_counts_as_at_most_ten_times_the_estimate() {
        let pace = Pace::learn([(4000.0, 10.0)]);
        assert!((pace.observed.unwrap_or_default() - 10.0).abs() < 1e-9);
    }

    #[test]
    fn the_pace_in_words_says_the_factor_and_how_much_it_rests_on() {
        assert!(Pace::default().words().starts_with("No finished milestone"));
        let words = Pace::learn(std::iter::repeat_n((14.0, 10.0), 40)).words();
        assert!(
            words.starts_with("You take about 1.4x the estimates so far"),
            "{words}"
        );
        let words = Pace::learn([(30.0, 10.0)]).words();
        assert!(
            words.contains("1 finished milestone showed 3.0x; one milestone moves the pace a few percent at most"),
            "{words}"
        );
    }
}
