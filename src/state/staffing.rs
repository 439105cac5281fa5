//! The staffing edits of the planner (MODEL.md §7, issue #12): a process's choice between a
//! typed response time and one from staffing, the shift editor's structural changes (the
//! fields themselves are edited by path), applying a suggested block, and undoing these.
//!
//! Switching keeps what the other choice held: back to typed restores the typed median and
//! spread, back to staffing restores the shifts, so trying the other way costs nothing. Every
//! action of this module can be undone ([`super::Action::Undo`]).

use std::rc::Rc;

use crate::model::capacity::{Capacity, Day, Shift};
use crate::model::presets::default_scenario;
use crate::model::scenario::{Process, Scenario};

use super::AppState;

/// Most staffing steps kept for undo.
pub const UNDO_DEPTH: usize = 30;

/// Which process of the scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Which {
    /// `process_now`.
    Now,
    /// `process_target`.
    Target,
}

impl Which {
    /// Both, today first.
    pub const BOTH: [Which; 2] = [Which::Now, Which::Target];

    /// The JSON key: `process_now` or `process_target`.
    pub fn key(self) -> &'static str {
        match self {
            Which::Now => "process_now",
            Which::Target => "process_target",
        }
    }

    fn index(self) -> usize {
        match self {
            Which::Now => 0,
            Which::Target => 1,
        }
    }

    /// The process in `s`.
    pub fn of(self, s: &Scenario) -> &Process {
        match self {
            Which::Now => &s.process_now,
            Which::Target => &s.process_target,
        }
    }

    fn of_mut(self, s: &mut Scenario) -> &mut Process {
        match self {
            Which::Now => &mut s.process_now,
            Which::Target => &mut s.process_target,
        }
    }
}

/// A structural staffing change.
#[derive(Clone, Debug, PartialEq)]
pub enum StaffingAction {
    /// Type the response time (`false`) or take it from staffing (`true`).
    SetStaffed(Which, bool),
    /// Add a shift at the end.
    AddShift(Which),
    /// Remove the shift at this index.
    RemoveShift(Which, usize),
    /// Put a day in a shift or take it out.
    ToggleDay(Which, usize, Day),
    /// Add one person on `day` from `from` to `to` (minutes) to today's shifts: a suggestion.
    AddBlock {
        /// The day.
        day: Day,
        /// Start, minutes after midnight.
        from: u32,
        /// End, minutes after midnight.
        to: u32,
    },
    /// A shift's time typed at `path` (`…shifts[i].from` or `.to`): read as a time of day and
    /// applied like any typed field (not an undo step).
    EditTime {
        /// JSON path of the field.
        path: String,
        /// The text as typed.
        text: String,
    },
    /// Take a block added by [`StaffingAction::AddBlock`] out again (the last shift equal to it).
    RemoveBlock {
        /// The day.
        day: Day,
        /// Start, minutes after midnight.
        from: u32,
        /// End, minutes after midnight.
        to: u32,
    },
}

/// What a process held under its other choice, to restore on switching back.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Remembered {
    /// The typed (median, spread) of each process, saved when it switched to staffing.
    pub typed: [Option<(f64, f64)>; 2],
    /// The capacity of each process, saved when it switched to typed.
    pub capacity: [Option<Capacity>; 2],
}

/// The capacity a process starts with: office hours Mon–Fri 09:00–17:30 with one person and the
/// default work values of MODEL.md §7.
pub fn starting_capacity() -> Capacity {
    Capacity::with_shifts(vec![Shift {
        days: vec![Day::Mon, Day::Tue, Day::Wed, Day::Thu, Day::Fri],
        from: 9 * 60,
        to: 17 * 60 + 30,
        people: 1,
    }])
}

/// The shift "add a shift" adds after `last`: one person on the same days from its end until
/// 21:00 (an evening shift after office hours), or 17:30–21:00 on weekdays when that is empty.
pub fn next_shift(last: Option<&Shift>) -> Shift {
    const EVENING_END: u32 = 21 * 60;
    match last {
        Some(s) if s.to < EVENING_END && !s.days.is_empty() => Shift {
            days: s.days.clone(),
            from: s.to,
            to: EVENING_END,
            people: 1,
        },
        _ => Shift {
            days: vec![Day::Mon, Day::Tue, Day::Wed, Day::Thu, Day::Fri],
            from: 17 * 60 + 30,
            to: EVENING_END,
            people: 1,
        },
    }
}

/// Where the typed fields come from when a process without a remembered value switches back:
/// the default scenario's process.
fn default_typed(which: Which) -> (f64, f64) {
    let d = default_scenario();
    let p = which.of(&d);
    (p.median_response_minutes, p.response_spread)
}

/// Minutes after midnight of a typed time: "09:00", "9:00", "9.30", "9u30", "930", "9" (whole
/// hours) and "24:00" as the end of the day; `None` for anything else.
pub fn read_time(text: &str) -> Option<u32> {
    let t = text.trim().as_bytes();
    let (h, m) = match t.iter().position(|c| b":.uh".contains(c)) {
        Some(i) => (&t[..i], &t[i + 1..]),
        None if t.len() > 2 => t.split_at(t.len() - 2),
        None => (t, &b"00"[..]),
    };
    let number = |x: &[u8]| {
        (!x.is_empty() && x.len() <= 2 && x.iter().all(u8::is_ascii_digit))
            .then(|| x.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    if m.len() != 2 {
        return None;
    }
    match (number(h)?, number(m)?) {
        (24, 0) => Some(1440),
        (h @ 0..=23, m @ 0..=59) => Some(h * 60 + m),
        _ => None,
    }
}

impl AppState {
    /// Applies a staffing change; one undo step when it changed anything.
    pub(super) fn staffing(&mut self, action: StaffingAction) {
        if let StaffingAction::EditTime { path, text } = action {
            let value = read_time(&text)
                .map(|m| serde_json::Value::String(crate::model::capacity::format_time(m)))
                .ok_or(super::fields::InputError::NotATime);
            self.edit_value(path, text, value);
            return;
        }
        let before = Rc::clone(&self.scenario);
        let mut s = (*self.scenario).clone();
        let mut remembered = (*self.remembered).clone();
        let mut drop_drafts: Vec<String> = Vec::new();
        let mut rekey: Option<(String, usize)> = None;
        match action {
            StaffingAction::SetStaffed(which, staffed) => {
                let i = which.index();
                let p = which.of_mut(&mut s);
                match (staffed, p.capacity.take()) {
                    (true, None) => {
                        remembered.typed[i] = Some((p.median_response_minutes, p.response_spread));
                        p.capacity = Some(
                            remembered.capacity[i]
                                .take()
                                .unwrap_or_else(starting_capacity),
                        );
                        p.median_response_minutes = 0.0;
                        p.response_spread = 0.0;
                        drop_drafts.push(format!("{}.median_response_minutes", which.key()));
                        drop_drafts.push(format!("{}.response_spread", which.key()));
                    }
                    (false, Some(capacity)) => {
                        remembered.capacity[i] = Some(capacity);
                        let (median, spread) = remembered.typed[i]
                            .take()
                            .unwrap_or_else(|| default_typed(which));
                        p.median_response_minutes = median;
                        p.response_spread = spread;
                        drop_drafts.push(format!("{}.capacity", which.key()));
                    }
                    (_, same) => p.capacity = same,
                }
            }
            StaffingAction::AddShift(which) => {
                if let Some(c) = which.of_mut(&mut s).capacity.as_mut()
                    && c.shifts.len() < crate::model::capacity::MAX_SHIFTS
                {
                    let shift = next_shift(c.shifts.last());
                    c.shifts.push(shift);
                }
            }
            StaffingAction::RemoveShift(which, index) => {
                if let Some(c) = which.of_mut(&mut s).capacity.as_mut()
                    && index < c.shifts.len()
                {
                    c.shifts.remove(index);
                    rekey = Some((format!("{}.capacity.shifts[", which.key()), index));
                }
            }
            StaffingAction::ToggleDay(which, index, day) => {
                if let Some(shift) = which
                    .of_mut(&mut s)
                    .capacity
                    .as_mut()
                    .and_then(|c| c.shifts.get_mut(index))
                {
                    if let Some(at) = shift.days.iter().position(|d| *d == day) {
                        shift.days.remove(at);
                    } else {
                        shift.days.push(day);
                        shift.days.sort();
                        shift.days.dedup();
                    }
                    drop_drafts.push(format!("{}.capacity.shifts[{index}].days", which.key()));
                }
            }
            StaffingAction::AddBlock { day, from, to } => {
                if let Some(c) = s.process_now.capacity.as_mut()
                    && c.shifts.len() < crate::model::capacity::MAX_SHIFTS
                {
                    c.shifts.push(Shift {
                        days: vec![day],
                        from,
                        to,
                        people: 1,
                    });
                }
            }
            StaffingAction::EditTime { .. } => {}
            StaffingAction::RemoveBlock { day, from, to } => {
                let block = Shift {
                    days: vec![day],
                    from,
                    to,
                    people: 1,
                };
                if let Some(c) = s.process_now.capacity.as_mut()
                    && let Some(at) = c.shifts.iter().rposition(|x| *x == block)
                {
                    c.shifts.remove(at);
                    rekey = Some(("process_now.capacity.shifts[".into(), at));
                }
            }
        }
        if s == *before {
            return;
        }
        if !drop_drafts.is_empty() {
            Rc::make_mut(&mut self.drafts)
                .retain(|p, _| !drop_drafts.iter().any(|d| p.starts_with(d.as_str())));
        }
        if let Some((prefix, removed)) = rekey {
            self.rekey_indexed(&prefix, removed);
        }
        self.push_undo(before, super::UndoKind::Staffing);
        self.remembered = Rc::new(remembered);
        self.scenario = Rc::new(s);
        self.revalidate();
    }

    /// Keeps the scenario (and the remembered values) from before a step, for Undo.
    pub(super) fn push_undo(&mut self, before: Rc<Scenario>, kind: super::UndoKind) {
        let undo = Rc::make_mut(&mut self.undo);
        undo.push(super::UndoStep {
            scenario: before,
            remembered: Rc::clone(&self.remembered),
            kind,
        });
        if undo.len() > UNDO_DEPTH {
            undo.remove(0);
        }
    }

    /// Undoes the last undoable step, if any.
    pub(super) fn undo(&mut self) {
        if let Some(step) = Rc::make_mut(&mut self.undo).pop() {
            self.scenario = step.scenario;
            self.remembered = step.remembered;
            // Drafts of fields the restored scenario may lay out differently.
            let import = step.kind == super::UndoKind::Import;
            Rc::make_mut(&mut self.drafts).retain(|p, _| {
                !(p.contains(".capacity")
                    || p.contains("response")
                    || (import && super::import_path(p)))
            });
            self.revalidate();
        }
    }

    /// Whether a step (a staffing change, an applied import) can be undone.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Action;

    fn staff(s: AppState, a: StaffingAction) -> AppState {
        s.apply(Action::Staffing(a))
    }

    fn edit(s: AppState, path: &str, text: &str) -> AppState {
        if path.ends_with(".from") || path.ends_with(".to") {
            return staff(
                s,
                StaffingAction::EditTime {
                    path: path.into(),
                    text: text.into(),
                },
            );
        }
        s.apply(Action::Edit {
            path: path.into(),
            text: text.into(),
        })
    }

    #[test]
    fn shift_times_are_read_in_the_usual_ways() {
        for (text, minutes) in [
            ("09:00", 540),
            ("9:00", 540),
            (" 9.30 ", 570),
            ("9u30", 570),
            ("930", 570),
            ("1730", 1050),
            ("17", 1020),
            ("24:00", 1440),
            ("0:00", 0),
        ] {
            assert_eq!(read_time(text), Some(minutes), "{text}");
        }
        for bad in [
            "", "9:0", "25:00", "24:30", "12:60", "noon", "9:000", "-1:00", "123:00",
        ] {
            assert_eq!(read_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_typed_time_is_applied_or_marked() {
        let s = staff(
            AppState::default(),
            StaffingAction::SetStaffed(Which::Now, true),
        );
        let time = |s: AppState, text: &str| {
            staff(
                s,
                StaffingAction::EditTime {
                    path: "process_now.capacity.shifts[0].from".into(),
                    text: text.into(),
                },
            )
        };
        let s = time(s, "9.30");
        assert_eq!(
            s.scenario.process_now.capacity.as_ref().unwrap().shifts[0].from,
            570
        );
        assert!(!s.has_problems());
        assert_eq!(
            s.undo.len(),
            1,
            "a typed time is no undo step (only the switch is)"
        );
        let s = time(s, "late");
        assert!(matches!(
            s.problem_at("process_now.capacity.shifts[0].from"),
            Some(crate::state::FieldProblem::Input(
                crate::state::fields::InputError::NotATime
            ))
        ));
        assert_eq!(
            s.valid.process_now.capacity.as_ref().unwrap().shifts[0].from,
            570
        );
    }

    #[test]
    fn switching_to_staffing_starts_with_office_hours_and_back_restores_the_median() {
        let s = edit(
            AppState::default(),
            "process_now.median_response_minutes",
            "300",
        );
        let s = staff(s, StaffingAction::SetStaffed(Which::Now, true));
        let c = s.scenario.process_now.capacity.as_ref().unwrap();
        assert_eq!(*c, starting_capacity());
        assert_eq!(c.shifts[0].from, 540);
        assert_eq!(c.shifts[0].to, 1050);
        assert!(!s.has_problems(), "{:?}", s.errors);
        assert!(s.valid.process_now.capacity.is_some());
        assert_eq!(s.valid.format_version(), 2);

        let s = edit(s, "process_now.capacity.shifts[0].people", "2");
        let s = staff(s, StaffingAction::SetStaffed(Which::Now, false));
        assert_eq!(s.scenario.process_now.capacity, None);
        assert_eq!(s.scenario.process_now.median_response_minutes, 300.0);
        assert_eq!(s.scenario.process_now.response_spread, 4.0);
        assert!(!s.has_problems());
        // And back again: the shifts as they were left.
        let s = staff(s, StaffingAction::SetStaffed(Which::Now, true));
        assert_eq!(
            s.scenario.process_now.capacity.as_ref().unwrap().shifts[0].people,
            2
        );
    }

    #[test]
    fn every_staffing_step_undoes() {
        let s0 = AppState::default();
        let s = staff(s0.clone(), StaffingAction::SetStaffed(Which::Target, true));
        let s = staff(s, StaffingAction::AddShift(Which::Target));
        let shifts = &s.scenario.process_target.capacity.as_ref().unwrap().shifts;
        assert_eq!(shifts.len(), 2);
        assert_eq!(
            (shifts[1].from, shifts[1].to, shifts[1].people),
            (1050, 1260, 1)
        );
        assert!(!s.has_problems(), "{:?}", s.errors);
        let s = staff(s, StaffingAction::ToggleDay(Which::Target, 1, Day::Sat));
        assert_eq!(
            s.scenario.process_target.capacity.as_ref().unwrap().shifts[1]
                .days
                .last(),
            Some(&Day::Sat)
        );
        let s = s.apply(Action::Undo);
        assert_eq!(
            s.scenario.process_target.capacity.as_ref().unwrap().shifts[1]
                .days
                .len(),
            5
        );
        let s = s.apply(Action::Undo).apply(Action::Undo);
        assert_eq!(*s.scenario, *s0.scenario);
        assert_eq!(*s.valid, *s0.valid);
        assert!(!s.can_undo());
        // Nothing to undo: nothing changes.
        assert_eq!(s.clone().apply(Action::Undo), s);
    }

    #[test]
    fn removing_a_shift_keeps_the_drafts_of_the_others_with_their_shift() {
        let s = staff(
            AppState::default(),
            StaffingAction::SetStaffed(Which::Now, true),
        );
        let s = staff(s, StaffingAction::AddShift(Which::Now));
        let s = staff(s, StaffingAction::AddShift(Which::Now));
        let s = edit(s, "process_now.capacity.shifts[2].from", "late");
        assert!(
            s.problem_at("process_now.capacity.shifts[2].from")
                .is_some()
        );
        let s = staff(s, StaffingAction::RemoveShift(Which::Now, 1));
        assert_eq!(
            s.scenario
                .process_now
                .capacity
                .as_ref()
                .unwrap()
                .shifts
                .len(),
            2
        );
        assert_eq!(s.drafts["process_now.capacity.shifts[1].from"].text, "late");
        assert!(!s.drafts.contains_key("process_now.capacity.shifts[2].from"));
    }

    #[test]
    fn bad_shift_values_are_marked_at_their_fields_and_keep_the_last_results() {
        let s = staff(
            AppState::default(),
            StaffingAction::SetStaffed(Which::Now, true),
        );
        let good = Rc::clone(&s.valid);
        let s = edit(s, "process_now.capacity.shifts[0].to", "08:00");
        assert!(matches!(
            s.problem_at("process_now.capacity.shifts[0].to"),
            Some(crate::state::FieldProblem::Rule(_))
        ));
        assert_eq!(*s.valid, *good);
        let s = edit(s, "process_now.capacity.shifts[0].to", "17:30");
        let s = edit(s, "process_now.capacity.shifts[0].people", "0");
        assert!(
            s.problem_at("process_now.capacity.shifts[0].people")
                .is_some()
        );
        // Five people on one day carry the load of one on five days.
        let s = edit(s, "process_now.capacity.shifts[0].people", "5");
        // Every day off: an error at the days.
        let mut s = s;
        for d in [Day::Mon, Day::Tue, Day::Wed, Day::Thu] {
            s = staff(s, StaffingAction::ToggleDay(Which::Now, 0, d));
        }
        let friday_only = Rc::clone(&s.valid);
        assert_eq!(
            friday_only.process_now.capacity.as_ref().unwrap().shifts[0].days,
            vec![Day::Fri]
        );
        let s = staff(s, StaffingAction::ToggleDay(Which::Now, 0, Day::Fri));
        assert!(
            s.problem_at("process_now.capacity.shifts[0].days")
                .is_some()
        );
        assert_eq!(*s.valid, *friday_only);
    }

    #[test]
    fn an_overload_is_an_error_at_the_shifts_and_keeps_the_last_results() {
        let s = staff(
            AppState::default(),
            StaffingAction::SetStaffed(Which::Now, true),
        );
        let good = Rc::clone(&s.valid);
        let s = edit(s, "process_now.capacity.minutes_per_lead", "40");
        let problem = s.problem_at("process_now.capacity.shifts");
        let Some(crate::state::FieldProblem::Rule(e)) = problem else {
            panic!("no overload: {:?}", s.errors);
        };
        let text = e.problem.to_string();
        assert!(
            text.contains("42.5 hours") || text.contains("43 hours"),
            "{text}"
        );
        assert_eq!(*s.valid, *good);
    }

    #[test]
    fn a_block_is_added_to_today_and_taken_out_again() {
        let s = staff(
            AppState::default(),
            StaffingAction::SetStaffed(Which::Now, true),
        );
        let block = (Day::Sat, 600, 780);
        let s = staff(
            s,
            StaffingAction::AddBlock {
                day: block.0,
                from: block.1,
                to: block.2,
            },
        );
        let c = s.scenario.process_now.capacity.as_ref().unwrap();
        assert_eq!(c.shifts.len(), 2);
        assert_eq!(c.shifts[1].days, vec![Day::Sat]);
        let s = staff(
            s,
            StaffingAction::RemoveBlock {
                day: block.0,
                from: block.1,
                to: block.2,
            },
        );
        assert_eq!(
            s.scenario
                .process_now
                .capacity
                .as_ref()
                .unwrap()
                .shifts
                .len(),
            1
        );
        // On a typed process nothing happens and no undo step is kept.
        let t = AppState::default();
        let t2 = staff(
            t.clone(),
            StaffingAction::AddBlock {
                day: Day::Mon,
                from: 0,
                to: 180,
            },
        );
        assert_eq!(t2, t);
    }
}
