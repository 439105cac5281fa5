//! "Importeren uit CRM" / "Import from CRM" (MODEL.md §9): a panel under the scenario bar that
//! reads a lead export in the import worker ([`bridge`]; started when the panel opens, never at
//! load), shows the detected columns with a select per field, the unknown status values to
//! assign, the problems with their rows, the derived inputs next to the planner's, the response
//! times against their log-normal and the arrivals' week grid, and applies the ticked groups as
//! one step that Undo reverts.
//!
//! The panel is not in the planner's bundle: the importer's (`src/bin/importer.rs`) mounts it,
//! on the main thread, into the planner's `#crm-import-root` (see [`host`]) when someone opens
//! the import, and runs the calibration in a worker of the same module. The planner hands it
//! the language, its scenario and whether Undo can act through that element's data attributes,
//! and takes Apply, Undo and Close as DOM events.

mod bridge;
pub mod host;
pub mod text;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use yew::prelude::*;

use crate::charts::canvas::{ChartCanvas, DrawTarget};
use crate::charts::{Theme, response_fit, week_grid};
use crate::i18n::parse::format_minutes;
use crate::i18n::{Lang, Text, format, month_short};
use crate::model::capacity::Day;
use crate::model::scenario::Scenario;
use crate::state::import::{
    ColumnChoice, FIELD_COUNT, FromWorker, Group, ImportChoices, ImportFailure, Preview,
    ResponseFit, STATUS_GROUPS, ToWorker, progress_share,
};
use crate::ui::staffing_text::day_short;

use bridge::ImportBridge;
pub use bridge::LOADER;
pub use text::ImportText;
use text::{ImportText as T, failure_text, field_label, group_label, problem_text};

/// Properties of [`CrmImport`].
#[derive(Properties, PartialEq, Clone)]
pub struct CrmImportProps {
    /// The planner's element the panel lives in (its data attributes: [`host`]).
    pub root: web_sys::Element,
}

/// What the last Apply did.
#[derive(Clone, Debug, PartialEq)]
enum ApplyResult {
    Applied,
    Unchanged,
    Failed(String),
}

/// The panel's state the worker's answers change.
#[derive(Clone, Debug, PartialEq, Default)]
struct Shown {
    /// The worker could not start.
    worker_failed: bool,
    /// Reading: (rows, share of the bytes).
    reading: Option<(u64, f64)>,
    /// The last preview.
    preview: Option<Rc<Preview>>,
    /// Page time of the last read, milliseconds (file sent to preview shown).
    elapsed_ms: Option<f64>,
    /// Why the file gives nothing.
    failure: Option<ImportFailure>,
    /// The last Apply.
    applied: Option<ApplyResult>,
    /// The worker's warm-up came to its end (`data-import-warm`, for the tests' figures).
    warmed: bool,
    /// The worker's WebAssembly memory after the last read, bytes (`data-import-memory`, for
    /// the tests' figures).
    memory_bytes: Option<f64>,
}

/// Marks the time of an import on the page as `performance.measure("leadplan:import")`.
fn record_measure(start: f64, end: f64) {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
        return;
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"start".into(), &start.into());
    let _ = js_sys::Reflect::set(&options, &"end".into(), &end.into());
    let measure = js_sys::Reflect::get(&performance, &"measure".into())
        .ok()
        .and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok());
    if let Some(measure) = measure {
        let _ = measure.call2(&performance, &"leadplan:import".into(), &options);
    }
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Everything the worker's callbacks share, created once per panel.
struct Session {
    bridge: RefCell<Option<ImportBridge>>,
    /// The request whose answers count.
    current: Cell<u32>,
    /// Whether a read is under way.
    busy: Cell<bool>,
    /// When the current read was sent.
    started: Cell<f64>,
    /// The file read last.
    file: RefCell<Option<web_sys::File>>,
    /// The scenario on screen, for "nothing changed".
    scenario: RefCell<Rc<Scenario>>,
}

/// The import panel.
#[function_component(CrmImport)]
pub fn crm_import(props: &CrmImportProps) -> Html {
    let view = host::use_host(&props.root);
    let lang = view.lang;
    let t = |k: T| k.get(lang);
    let shown = use_state_eq(Shown::default);
    let choices = use_state_eq(ImportChoices::default);
    let file_name = use_state_eq(String::new);
    let groups = use_state_eq(|| [true; 4]);
    let dragging = use_state_eq(|| false);
    let session = use_memo((), |_| Session {
        bridge: RefCell::new(None),
        current: Cell::new(0),
        busy: Cell::new(false),
        started: Cell::new(0.0),
        file: RefCell::new(None),
        scenario: RefCell::new(Rc::clone(&view.scenario)),
    });
    *session.scenario.borrow_mut() = Rc::clone(&view.scenario);

    // The worker's answers. A `UseStateHandle` set from an older render still updates the
    // state, so one callback serves every worker of this panel.
    let on_message = {
        let (shown, session) = (shown.clone(), Rc::clone(&session));
        use_memo((), move |_| {
            Callback::from(move |m: FromWorker| {
                let mut next = (*shown).clone();
                match m {
                    FromWorker::Ready => return,
                    FromWorker::Warmed { .. } => next.warmed = true,
                    FromWorker::Progress {
                        id,
                        rows,
                        bytes_read,
                        total_bytes,
                    } => {
                        if id != session.current.get() {
                            return;
                        }
                        next.reading = Some((rows, progress_share(bytes_read, total_bytes)));
                    }
                    FromWorker::Done {
                        id,
                        preview,
                        memory_bytes,
                        ..
                    } => {
                        if id != session.current.get() {
                            return;
                        }
                        next.memory_bytes = Some(memory_bytes);
                        session.busy.set(false);
                        let end = now_ms();
                        record_measure(session.started.get(), end);
                        next.reading = None;
                        next.failure = None;
                        next.elapsed_ms = Some(end - session.started.get());
                        next.preview = Some(Rc::new(*preview));
                    }
                    FromWorker::Failed { id, failure } => {
                        if id != session.current.get() {
                            return;
                        }
                        session.busy.set(false);
                        next.reading = None;
                        next.preview = None;
                        next.failure = Some(failure);
                    }
                    FromWorker::Applied { id, scenario } => {
                        if id != session.current.get() {
                            return;
                        }
                        next.applied = Some(match Scenario::from_json(&scenario) {
                            Ok(s) if s == **session.scenario.borrow() => ApplyResult::Unchanged,
                            Ok(_) => match host::apply(&scenario) {
                                Ok(()) => ApplyResult::Applied,
                                Err(why) => ApplyResult::Failed(why),
                            },
                            Err(errors) => ApplyResult::Failed(
                                errors
                                    .iter()
                                    .map(ToString::to_string)
                                    .collect::<Vec<_>>()
                                    .join("; "),
                            ),
                        });
                    }
                }
                shown.set(next);
            })
        })
    };
    let on_worker_error = {
        let (shown, session) = (shown.clone(), Rc::clone(&session));
        use_memo((), move |_| {
            Callback::from(move |()| {
                session.busy.set(false);
                let mut next = (*shown).clone();
                next.worker_failed = true;
                next.reading = None;
                shown.set(next);
            })
        })
    };
    let spawn = {
        let (session, on_message, on_worker_error) = (
            Rc::clone(&session),
            (*on_message).clone(),
            (*on_worker_error).clone(),
        );
        Rc::new(move || {
            *session.bridge.borrow_mut() =
                ImportBridge::spawn(on_message.clone(), on_worker_error.clone());
        })
    };
    // The worker starts when the panel opens, and ends when it closes. A file dropped before
    // this effect ran has started one already, with its read queued: that worker stays (a second
    // one would end it, and the read with it).
    {
        let (session, spawn, shown) = (Rc::clone(&session), Rc::clone(&spawn), shown.clone());
        use_effect_with((), move |_| {
            if session.bridge.borrow().is_none() {
                spawn();
            }
            if session.bridge.borrow().is_none() {
                shown.set(Shown {
                    worker_failed: true,
                    ..Shown::default()
                });
            }
            move || {
                session.bridge.borrow_mut().take();
            }
        });
    }

    // Reads the session's file with `choices`; a read under way is cancelled (its worker ends
    // and a new one starts).
    let read = {
        let (session, spawn, shown) = (Rc::clone(&session), Rc::clone(&spawn), shown.clone());
        Rc::new(move |choices: &ImportChoices, fresh: bool| {
            let Some(file) = session.file.borrow().clone() else {
                return;
            };
            if session.busy.get() || session.bridge.borrow().is_none() {
                spawn();
            }
            let id = session.current.get() + 1;
            session.current.set(id);
            session.busy.set(true);
            session.started.set(now_ms());
            let mut next = (*shown).clone();
            next.reading = Some((0, 0.0));
            next.applied = None;
            next.worker_failed = false;
            if fresh {
                next.preview = None;
                next.failure = None;
            }
            shown.set(next);
            if let Some(b) = &*session.bridge.borrow() {
                b.send(
                    &ToWorker::Read {
                        id,
                        choices: choices.clone(),
                    },
                    Some(&file),
                );
            }
        })
    };
    let open_file = {
        let (session, read, choices, file_name) = (
            Rc::clone(&session),
            Rc::clone(&read),
            choices.clone(),
            file_name.clone(),
        );
        Rc::new(move |file: web_sys::File| {
            file_name.set(file.name());
            *session.file.borrow_mut() = Some(file);
            choices.set(ImportChoices::default());
            read(&ImportChoices::default(), true);
        })
    };
    let on_pick = {
        let open_file = Rc::clone(&open_file);
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                open_file(file);
            }
            // Picking the same file again reads it again.
            input.set_value("");
        })
    };
    let on_dragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let on_dragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_drop = {
        let (open_file, dragging) = (Rc::clone(&open_file), dragging.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                open_file(file);
            }
        })
    };
    let on_column = {
        let (read, choices) = (Rc::clone(&read), choices.clone());
        Callback::from(move |(index, value): (u32, String)| {
            let mut next = (*choices).clone();
            let choice = match value.as_str() {
                "ignore" => ColumnChoice::Ignore,
                v => match v.parse::<u32>() {
                    Ok(n) => ColumnChoice::Index(n),
                    Err(_) => return,
                },
            };
            next.set_column(index, Some(choice));
            read(&next, false);
            choices.set(next);
        })
    };
    let on_status = {
        let (read, choices) = (Rc::clone(&read), choices.clone());
        Callback::from(move |(value, group): (String, String)| {
            let mut next = (*choices).clone();
            next.set_status(&value, Some(group.as_str()));
            read(&next, false);
            choices.set(next);
        })
    };
    let on_apply = {
        let (session, groups, scenario) = (
            Rc::clone(&session),
            groups.clone(),
            Rc::clone(&view.scenario),
        );
        Callback::from(move |_: MouseEvent| {
            let ticked: Vec<Group> = Group::ALL
                .into_iter()
                .zip(*groups)
                .filter_map(|(g, on)| on.then_some(g))
                .collect();
            let id = session.current.get() + 1;
            session.current.set(id);
            if let Some(b) = &*session.bridge.borrow() {
                b.send(
                    &ToWorker::Apply {
                        id,
                        scenario: scenario.to_json(),
                        groups: ticked,
                    },
                    None,
                );
            }
        })
    };
    let on_undo = Callback::from(|_: MouseEvent| host::undo());
    let on_close = Callback::from(|_: MouseEvent| host::close());

    let s = &*shown;
    let state_attr = if s.worker_failed {
        "worker-failed"
    } else if s.reading.is_some() {
        "reading"
    } else if s.preview.is_some() {
        "done"
    } else if s.failure.is_some() {
        "failed"
    } else {
        "idle"
    };
    let progress = s.reading.map(|(rows, share)| {
        let pct = (share * 100.0).round();
        let text = format!(
            "{} {}, {}",
            format::number(lang, rows as f64, 0),
            t(T::Rows),
            format::percent(lang, share, 0)
        );
        html! {
            <div class="import-progress">
                <label id="import-progress-label">{ t(T::Reading) }{ " " }<strong>{ (*file_name).clone() }</strong></label>
                <div role="progressbar" class="progress-bar" aria-labelledby="import-progress-label"
                    aria-valuemin="0" aria-valuemax="100" aria-valuenow={pct.to_string()} aria-valuetext={text.clone()}
                    data-import-rows={rows.to_string()}>
                    <div class="progress-fill" style={format!("width:{pct}%")}></div>
                </div>
                <p class="hint">{ text }</p>
            </div>
        }
    });
    let headers: Option<&[String]> = s
        .preview
        .as_ref()
        .map(|p| p.headers.as_slice())
        .or_else(|| s.failure.as_ref().and_then(ImportFailure::headers));
    let mapping = headers
        .map(|headers| mapping_view(lang, headers, s.preview.as_deref(), &choices, &on_column));
    html! {
        <section class="crm-import no-print" aria-labelledby="crm-import-h" data-import-state={state_attr}
            data-import-warm={s.warmed.then_some("done")}
            data-import-memory={s.memory_bytes.map(|m| m.to_string())}>
            <div class="import-head">
                <h2 id="crm-import-h">{ t(T::Title) }</h2>
                <button type="button" class="secondary" data-action="crm-import-close" onclick={on_close}>{ t(T::Close) }</button>
            </div>
            <p class="hint">{ t(T::Intro) }</p>
            <div class={classes!("import-drop", dragging.then_some("dragging"))} data-import-drop=""
                ondragover={on_dragover} ondragenter={Callback::from(|e: DragEvent| e.prevent_default())}
                ondragleave={on_dragleave} ondrop={on_drop}>
                <label class="file-pick">{ t(T::Pick) }
                    <input id="crm-file" type="file" data-field="crm-file"
                        accept=".csv,.tsv,.txt,.xlsx,.xlsm,.xls,.ods,text/csv,text/plain" onchange={on_pick} />
                </label>
                <span class="hint">{ t(T::Drop) }</span>
            </div>
            if s.worker_failed {
                <p class="notice error" role="alert">{ t(T::WorkerFailed) }{ " " }{ t(T::KeptWork) }</p>
            }
            { for progress }
            if let Some(f) = &s.failure {
                <p class="notice error" role="alert" data-import-error="">{ failure_text(lang, f) }{ " " }{ t(T::KeptWork) }</p>
            }
            { for mapping }
            if let Some(p) = &s.preview {
                { preview_view(lang, p, s.elapsed_ms, &view.scenario, &choices, &on_status) }
                <fieldset class="group import-apply">
                    <legend>{ t(T::Apply) }</legend>
                    <p class="hint">{ t(T::ApplyHint) }</p>
                    { for Group::ALL.into_iter().enumerate().map(|(i, g)| {
                        let available = match g {
                            Group::Sources | Group::Arrivals => true,
                            Group::FollowUp => p.follow_up_rate.is_some() || p.median_minutes.is_some() || p.attempts.is_some(),
                            Group::Seasonality => p.seasonality.is_some(),
                        };
                        let label = match g {
                            Group::Sources => T::ApplySources,
                            Group::FollowUp => T::ApplyFollowUp,
                            Group::Arrivals => T::ApplyArrivals,
                            Group::Seasonality => T::ApplySeasonality,
                        };
                        let id = format!("import-apply-{i}");
                        let toggle = {
                            let groups = groups.clone();
                            Callback::from(move |e: Event| {
                                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                                let mut next = *groups;
                                next[i] = input.checked();
                                groups.set(next);
                            })
                        };
                        html! {
                            <div class="check">
                                <input type="checkbox" id={id.clone()} data-import-group={group_code(g)}
                                    checked={available && groups[i]} disabled={!available} onchange={toggle} />
                                <label for={id}>{ t(label) }</label>
                            </div>
                        }
                    }) }
                    <div class="bar-row">
                        <button type="button" class="primary" data-action="crm-import-apply" onclick={on_apply}>{ t(T::Apply) }</button>
                        <button type="button" class="secondary" data-action="crm-import-undo" onclick={on_undo}
                            disabled={!view.can_undo}>{ t(T::Undo) }</button>
                    </div>
                    { for s.applied.as_ref().map(|a| match a {
                        ApplyResult::Applied => html! { <p class="notice info" role="status" data-import-applied="">{ t(T::Applied) }</p> },
                        ApplyResult::Unchanged => html! { <p class="notice info" role="status" data-import-applied="unchanged">{ t(T::NothingApplied) }</p> },
                        ApplyResult::Failed(why) => html! { <p class="notice error" role="alert">{ t(T::ApplyFailed) }{ ": " }{ why }{ " " }{ t(T::KeptWork) }</p> },
                    }) }
                </fieldset>
            }
        </section>
    }
}

fn group_code(g: Group) -> &'static str {
    match g {
        Group::Sources => "sources",
        Group::FollowUp => "follow_up",
        Group::Arrivals => "arrivals",
        Group::Seasonality => "seasonality",
    }
}

/// A select per field: which column it is read from.
fn mapping_view(
    lang: Lang,
    headers: &[String],
    preview: Option<&Preview>,
    choices: &ImportChoices,
    on_column: &Callback<(u32, String)>,
) -> Html {
    let t = |k: T| k.get(lang);
    let rows = (0..FIELD_COUNT).map(|i| {
        let index = i as u32;
        let chosen = choices.columns.iter().find(|(f, _)| *f == index).map(|(_, c)| c.clone());
        let detected = preview.and_then(|p| p.columns.get(i).copied().flatten());
        let value = match (&chosen, detected) {
            (_, Some(n)) => n.to_string(),
            (Some(ColumnChoice::Index(n)), None) => n.to_string(),
            _ => "ignore".to_string(),
        };
        let id = format!("import-col-{}", crate::state::import::field_name(i));
        let onchange = {
            let on_column = on_column.clone();
            Callback::from(move |e: Event| {
                let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
                on_column.emit((index, select.value()));
            })
        };
        html! {
            <div class="import-column">
                <label for={id.clone()}>{ field_label(lang, i) }</label>
                <select id={id} data-import-column={crate::state::import::field_name(i)} {onchange}>
                    <option value="ignore" selected={value == "ignore"}>{ t(T::NotRead) }</option>
                    { for headers.iter().enumerate().map(|(n, h)| html! {
                        <option value={n.to_string()} selected={value == n.to_string()}>{ h }</option>
                    }) }
                </select>
            </div>
        }
    });
    html! {
        <fieldset class="group import-mapping">
            <legend>{ t(T::Mapping) }</legend>
            <p class="hint">{ t(T::MappingHint) }</p>
            <div class="import-columns">{ for rows }</div>
        </fieldset>
    }
}

fn pct(lang: Lang, v: f64) -> String {
    format::percent(lang, v, 1)
}

/// The summary, unknown statuses, problems, sources, follow-up and charts of a preview.
fn preview_view(
    lang: Lang,
    p: &Rc<Preview>,
    elapsed_ms: Option<f64>,
    today: &Scenario,
    choices: &ImportChoices,
    on_status: &Callback<(String, String)>,
) -> Html {
    let t = |k: T| k.get(lang);
    let order = if p.date_order == "month_first" {
        t(T::MonthFirst)
    } else {
        t(T::DayFirst)
    };
    let statuses = (!p.unmapped.is_empty() || !choices.status_map.is_empty()).then(|| {
        let mut values: Vec<String> = p.unmapped.clone();
        for (v, _) in &choices.status_map {
            if !values.contains(v) {
                values.push(v.clone());
            }
        }
        html! {
            <fieldset class="group import-statuses">
                <legend>{ t(T::Statuses) }</legend>
                <p class="hint">{ t(T::StatusesHint) }</p>
                { for values.iter().enumerate().map(|(i, v)| {
                    let id = format!("import-status-{i}");
                    let current = choices.status(v).unwrap_or("open").to_string();
                    let onchange = {
                        let (on_status, v) = (on_status.clone(), v.clone());
                        Callback::from(move |e: Event| {
                            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
                            on_status.emit((v.clone(), select.value()));
                        })
                    };
                    html! {
                        <div class="import-column">
                            <label for={id.clone()}>{ v }</label>
                            <select id={id} data-import-status={v.clone()} {onchange}>
                                { for STATUS_GROUPS.iter().map(|g| html! {
                                    <option value={*g} selected={current == *g}>{ group_label(lang, g) }</option>
                                }) }
                            </select>
                        </div>
                    }
                }) }
            </fieldset>
        }
    });
    let problems = html! {
        <div class="import-problems">
            <h3>{ t(T::Problems) }</h3>
            if p.problems.is_empty() {
                <p class="hint">{ t(T::NoProblems) }</p>
            } else {
                <ul data-import-problems="">
                    { for p.problems.iter().map(|x| {
                        let rows: Vec<String> = x.rows.iter().map(ToString::to_string).collect();
                        let more = x.count as usize > x.rows.len() && !x.rows.is_empty();
                        html! {
                            <li data-problem={x.kind.clone()}>
                                <strong>{ problem_text(lang, &x.kind) }</strong>
                                { format!(": {}", format::number(lang, x.count as f64, 0)) }
                                if !rows.is_empty() {
                                    { format!(" ({} {}{})", t(T::RowsAt), rows.join(", "), if more { ", …" } else { "" }) }
                                }
                                if !x.values.is_empty() && x.kind != "ambiguous_date_order" && x.kind != "conflicting_date_order" {
                                    { format!(" — {}", x.values.iter().take(8).cloned().collect::<Vec<_>>().join(", ")) }
                                }
                            </li>
                        }
                    }) }
                </ul>
            }
        </div>
    };
    let sources = html! {
        <div class="table-wrap">
            <table class="import-sources" data-import-sources="">
                <caption>{ t(T::Sources) }</caption>
                <thead><tr>
                    <th scope="col">{ t(T::Source) }</th>
                    <th scope="col">{ t(T::Leads) }</th>
                    <th scope="col">{ t(T::PerMonth) }</th>
                    <th scope="col">{ t(T::Decided) }</th>
                    <th scope="col">{ t(T::Sold) }</th>
                    <th scope="col">{ t(T::Conversion) }</th>
                    <th scope="col">{ t(T::Today) }</th>
                </tr></thead>
                <tbody>
                    { for p.sources.iter().map(|s| {
                        let now = today.sources.iter().find(|x| x.name.trim() == s.name.trim());
                        let conversion = match s.conversion {
                            Some(c) => format!("{} ({}–{})", pct(lang, c), pct(lang, s.interval[0]), pct(lang, s.interval[1])),
                            None => t(T::NoneDecided).to_string(),
                        };
                        let uncertain = s.uncertain();
                        html! {
                            <tr data-import-source={s.name.clone()} data-uncertain={uncertain.then_some("true")}>
                                <th scope="row">{ &s.name }</th>
                                <td>{ format::number(lang, s.leads as f64, 0) }</td>
                                <td data-import-per-month="">{ format::number(lang, s.leads_per_month, 1) }</td>
                                <td>{ format::number(lang, s.decided as f64, 0) }</td>
                                <td>{ format::number(lang, s.sold as f64, 0) }</td>
                                <td data-import-conversion="" class={classes!(uncertain.then_some("uncertain"))}>
                                    { conversion }
                                    if uncertain {
                                        { " " }<span class="badge warn" title={t(T::UncertainHint)}>{ t(T::Uncertain) }</span>
                                        <span class="visually-hidden">{ format!(" ({})", t(T::UncertainHint)) }</span>
                                    }
                                </td>
                                <td>{ match now {
                                    Some(x) => format!("{} · {}", format::number(lang, x.leads_per_month, 1), pct(lang, x.conversion_now)),
                                    None => t(T::NotInPlanner).to_string(),
                                } }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    };
    let process = &today.process_now;
    let minutes = |v: Option<f64>| {
        v.map_or_else(
            || t(T::NotInExport).to_string(),
            |m| format_minutes(lang, m),
        )
    };
    let follow_rows = [
        (
            T::FollowUpRate,
            p.follow_up_rate
                .map_or_else(|| t(T::NotInExport).to_string(), |f| pct(lang, f)),
            pct(lang, process.follow_up_rate),
            "follow_up_rate",
        ),
        (
            T::Median,
            minutes(p.median_minutes),
            format_minutes(lang, process.median_response_minutes),
            "median",
        ),
        (T::P90, minutes(p.p90_minutes), String::new(), "p90"),
        (
            T::Spread,
            p.spread.map_or_else(
                || t(T::NotInExport).to_string(),
                |x| format::number(lang, x, 2),
            ),
            format::number(lang, process.response_spread, 2),
            "spread",
        ),
        (
            T::Attempts,
            p.attempts
                .map_or_else(|| t(T::NotInExport).to_string(), |a| a.to_string()),
            process.attempts.to_string(),
            "attempts",
        ),
        (
            T::Contacted,
            format::number(lang, p.contacted as f64, 0),
            String::new(),
            "contacted",
        ),
        (
            T::Fit,
            p.ks_distance.map_or_else(
                || t(T::NotInExport).to_string(),
                |k| {
                    let poor = if k > 0.1 {
                        format!(" ({})", t(T::FitPoor))
                    } else {
                        String::new()
                    };
                    format!("{}{poor}", format::number(lang, k, 3))
                },
            ),
            String::new(),
            "ks",
        ),
    ];
    let follow_up = html! {
        <div class="table-wrap">
            <table class="import-follow-up" data-import-follow-up="">
                <caption>{ t(T::FollowUp) }</caption>
                <thead><tr>
                    <th scope="col">{ t(T::Measure) }</th>
                    <th scope="col">{ t(T::FromExport) }</th>
                    <th scope="col">{ t(T::Today) }</th>
                </tr></thead>
                <tbody>
                    { for follow_rows.into_iter().map(|(label, value, now, key)| html! {
                        <tr data-import-measure={key}>
                            <th scope="row">{ t(label) }</th>
                            <td>{ value }</td>
                            <td>{ now }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    };
    let seasonality = match &p.seasonality {
        Some(w) => html! {
            <div class="table-wrap">
                <table class="import-seasonality">
                    <caption>{ t(T::Seasonality) }</caption>
                    <thead><tr>{ for (0..12).map(|m| html! { <th scope="col">{ month_short(lang, m) }</th> }) }</tr></thead>
                    <tbody><tr>{ for w.iter().map(|x| html! { <td>{ format::number(lang, *x, 1) }</td> }) }</tr></tbody>
                </table>
            </div>
        },
        None => html! { <p class="hint">{ t(T::NoSeasonality) }</p> },
    };
    html! {
        <div class="import-preview">
            <p class="import-summary" data-import-summary="">
                { format!("{}: {} / {}", t(T::RowsUsed), format::number(lang, p.used as f64, 0), format::number(lang, p.rows as f64, 0)) }
                { " · " }{ format!("{}: {}", t(T::Span), format::number(lang, p.span_days, 0)) }
                { " · " }{ format!("{}: {}", t(T::DateOrder), order) }
                if let Some(ms) = elapsed_ms {
                    { " · " }{ format!("{} {} ms", t(T::ReadIn), format::number(lang, ms, 0)) }
                }
            </p>
            { for statuses }
            { problems }
            { sources }
            { follow_up }
            <div class="charts import-charts">
                if let Some(fit) = &p.fit {
                    <FitChart {lang} fit={fit.clone()} />
                }
                <ArrivalsChart {lang} arrivals={p.arrivals.clone()} />
            </div>
            { seasonality }
        </div>
    }
}

/// Properties of [`FitChart`].
#[derive(Properties, PartialEq, Clone)]
struct FitChartProps {
    lang: Lang,
    fit: ResponseFit,
}

fn fit_labels<'a>(
    lang: Lang,
    minutes: &'a dyn Fn(f64) -> String,
    share: &'a dyn Fn(f64) -> String,
) -> response_fit::ResponseFitLabels<'a> {
    response_fit::ResponseFitLabels {
        y_axis: T::ShareOfLeads.get(lang),
        x_axis: T::ResponseTime.get(lang),
        data: T::InExport.get(lang),
        fitted: T::Fitted.get(lang),
        format_minutes: minutes,
        format_share: share,
    }
}

/// The response times against their log-normal.
#[function_component(FitChart)]
fn fit_chart(props: &FitChartProps) -> Html {
    let lang = props.lang;
    let data = response_fit::ResponseFitData {
        edges: props.fit.edges.clone(),
        data: props.fit.data.clone(),
        fitted: props.fit.fitted.clone(),
    };
    let minutes = move |v: f64| format_minutes(lang, v);
    let share = move |v: f64| format::percent(lang, v, 0);
    let description = response_fit::text_alternative(&data, &fit_labels(lang, &minutes, &share));
    let draw = use_callback((data, lang), |t: DrawTarget, (data, lang)| {
        let lang = *lang;
        let minutes = move |v: f64| format_minutes(lang, v);
        let share = move |v: f64| format::percent(lang, v, 0);
        let theme = Theme::light().with_scale(t.scale);
        response_fit::draw(
            t.backend()?,
            data,
            &fit_labels(lang, &minutes, &share),
            &theme,
        )
    });
    html! {
        <ChartCanvas name="import-response-fit" label={T::ChartFit.get(lang)}
            {description} {draw} height="16rem" error_text={Text::ChartError.get(lang)} />
    }
}

/// Properties of [`ArrivalsChart`].
#[derive(Properties, PartialEq, Clone)]
struct ArrivalsChartProps {
    lang: Lang,
    arrivals: Vec<f64>,
}

/// The export's arrivals as a week grid.
#[function_component(ArrivalsChart)]
fn arrivals_chart(props: &ArrivalsChartProps) -> Html {
    let lang = props.lang;
    let data = week_grid::WeekGridData {
        weights: props.arrivals.clone(),
        shifts: Vec::new(),
    };
    let days = Day::ALL.map(|d| day_short(lang, d));
    let share = move |v: f64| format::percent(lang, v, 1);
    let description = week_grid::text_alternative(
        &data,
        &week_grid::WeekGridLabels {
            days,
            arrivals: T::LeadsPerHour.get(lang),
            shifts: "",
            format_share: &share,
        },
    );
    let draw = use_callback((data, lang), |t: DrawTarget, (data, lang)| {
        let lang = *lang;
        let share = move |v: f64| format::percent(lang, v, 1);
        let labels = week_grid::WeekGridLabels {
            days: Day::ALL.map(|d| day_short(lang, d)),
            arrivals: T::LeadsPerHour.get(lang),
            shifts: "",
            format_share: &share,
        };
        let theme = Theme::light().with_scale(t.scale);
        week_grid::draw(t.backend()?, data, &labels, &theme)
    });
    html! {
        <ChartCanvas name="import-arrivals" label={T::ChartArrivals.get(lang)}
            {description} {draw} height="16rem" error_text={Text::ChartError.get(lang)} />
    }
}
