//! The pure numeric core of leadplan, as specified in MODEL.md: no browser, no clock, no I/O.
//! It compiles for native targets and `wasm32-unknown-unknown` alike, and depends only on
//! serde, serde_json, rand_core/rand_pcg and libm.
//!
//! # The model in brief
//!
//! A dealer's leads come from a few **sources** (website, importer, portals, phone), each with a
//! monthly volume, a cost per lead and today's observed lead-to-sale conversion. Whether a lead
//! buys depends on three things sales controls, the **follow-up process**: whether anyone
//! follows it up at all (`follow_up_rate`), how fast (a log-normal response time with a median
//! and a spread, p90 ÷ median), and how persistently (`attempts`). The model compares today's
//! process with a target process.
//!
//! 1. **Reaching a lead** ([`contact`]). A lead first called after t minutes is less reachable by
//!    the factor r(t) of the response curve (log-log interpolation between points). Attempt k
//!    reaches it with chance first_attempt · r(t) · attempt_decay^(k−1); the process's expected
//!    contact E\[P_contact\] averages that over the response-time distribution (Gauss–Legendre
//!    quadrature, relative error < 10⁻⁶, tested).
//! 2. **Calibration** ([`expected::calibrate`]). Today's conversion of a source is followed-up
//!    share × contact × close rate, so the close rate, the chance that a reached lead buys, is
//!    conversion_now / (follow_up_rate_now · E\[P_contact\]_now), capped at 1 with a warning. The
//!    close rate is a property of the leads and the showroom, so it is kept for the target
//!    process: p_i(target) = follow_up_rate_target · E\[P_contact\]_target · close_i.
//! 3. **Expected values** ([`expected`]): sales, lost sales and revenue, cost per sale, money
//!    spent on leads nobody follows up, per source and per month (by normalised seasonality);
//!    the **Shapley split** of the lost sales over follow-up, speed and attempts (each cause's
//!    average gain over the six orders of switching the causes), and the **annual plan**: the
//!    leads and budget a sales target needs with today's source mix.
//! 4. **Uncertainty** ([`simulate`]): a seeded Monte Carlo of lead volumes (Poisson, with
//!    gamma-distributed month-to-month variation) and sales, coupled so that both processes see
//!    the same leads; percentiles per month and year and the chance of reaching the target.
//!    Batched for a Web Worker; same seed, same bits.
//! 5. **Capacity** (version 2, MODEL.md §7: [`capacity`], [`queue`], [`staffing`]). A process
//!    may say who handles leads when (shifts, work per lead, reaction time, cost of an hour)
//!    instead of typing a median and spread: its response-time distribution D then comes from
//!    a seeded simulation of the first-come-first-served lead queue with the staff on duty
//!    through the week and the weekly arrival profile, and E\[P_contact\] is the mean of
//!    P_contact over D. The expected values gain the capacity figures, the staffing ROI, and
//!    the command the best five extra three-hour blocks ([`staffing::staffing_suggestions`]).
//! 6. **The plan a marketeer can buy** ([`buy_plan`], MODEL.md §8): sources may be not buyable
//!    (free ones by default), capped, or carry a fixed cost per month. The cheapest plan keeps
//!    the non-buyable sources' leads and buys the rest of the target from the buyable ones in
//!    increasing cost per sale, up to their caps (a fractional knapsack); the same order spends
//!    a given annual budget.
//!
//! Inputs are read by [`scenario::Scenario::from_json`] (every error at once, each with its
//! field path: see [`parse`]); [`results::run`] produces the document the `leadplan` command
//! prints (MODEL.md §5).
//!
//! # Where the defaults come from
//!
//! See [`presets`] for each preset's source. In short:
//!
//! - **13% benchmark conversion**: DCDW (Paul de Vries), AutosBuzz 2019: a baseline of about
//!   8 hours' response and 7.9% lead-to-sale, and 13% when leads were called within about
//!   7 minutes. The default scenario (90% followed up, 8 h median, 2 attempts → all leads,
//!   7 minutes, 6 attempts) lifts conversion from 8.7% to 15.0% (about 1.7×), in line with that
//!   and with Pied Piper PSI 2022 (dealers who answer quickly, personally and completely sell
//!   about 50% more to the same web shoppers).
//! - **Response curves**: *Automotive NL* (default, calibrated to the above); *HBR 2011*
//!   (Oldroyd, McElheran & Elkington, "The Short Life of Online Sales Leads"); *MIT/InsideSales
//!   2007* (Lead Response Management study). The studies report odds ratios of contact or
//!   qualification; the model uses them as factors on reachability, a modelling choice.
//! - **Attempts**: first_attempt 0.6 and attempt_decay 0.7 follow Velocify's research (85% of
//!   conversions within three attempts, 93–95% by the sixth; reps averaged 1.6 attempts; 42% of
//!   web inquiries never got a call): for a lead first called after about 8 hours, three attempts
//!   reach 84% and six 95% of what unlimited attempts would.
//! - **Follow-up**: a DCDW mystery shop of 180 Dutch dealers found only 66% of e-mail leads
//!   followed up, after 7 hours on average; HBR 2011 found 23% of firms never responded.
//! - **Seasonality**: an indicative dealer pattern (January strong, summer holidays weak; Dutch
//!   new-car registrations peak in January and, in years of a tax change, December), and flat.
//! - **Cost per lead** of portals is not published (they sell listing packages): the user's
//!   input; the defaults are examples.
//! - **Arrival profile** (§7): by day Mon 17%, Tue 17%, Wed 15%, Thu 15%, Fri 13%, Sat 11%,
//!   Sun 12%; within a day about 5% from 00 to 08 h, 60% from 08 to 18 h, 35% from 18 to 24 h,
//!   peaks 10–15 h and 19–22 h (GForces UK 2011: 51% of traffic while the showroom is closed,
//!   peak 19–22 h; Auto Trader UK: 86% of car buyers search after 18 h; iTrackLEADS, 400
//!   dealers: Tuesday 47% above Friday, weekends quietest). Default work: 8 minutes a first
//!   response, 2 a retry, 2 minutes' reaction (Autotrader: about 10 minutes per lead in all),
//!   €25 per staffed hour (Dutch customer-service pay €14.50–17.50 gross plus 35–55% employer
//!   costs).
//! - **Simulation**: 10,000 runs, seed 42, volume CV 0.15 (month-to-month variation of lead
//!   volume beyond Poisson noise): MODEL.md's example.
#![deny(missing_docs)]

pub mod buy_plan;
pub mod capacity;
pub mod contact;
pub mod error;
pub mod expected;
pub mod histogram;
pub mod parse;
pub mod presets;
pub mod queue;
pub mod results;
pub mod sampling;
pub mod scenario;
pub mod simulate;
pub mod staffing;
