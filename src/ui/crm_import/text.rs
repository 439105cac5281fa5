//! The texts of the import from a CRM (MODEL.md §9), in Dutch and English.

use crate::i18n::Lang;
use crate::state::import::ImportFailure;

crate::i18n::texts! {
    /// Texts of the CRM import.
    pub enum ImportText {
        Open => "Importeren uit CRM…", "Import from CRM…";
        Title => "Importeren uit CRM", "Import from CRM";
        Close => "Sluiten", "Close";
        Intro => "Kies of sleep een export van uw leads (CSV, TSV of Excel .xlsx/.xls/.ods, één rij per lead). Het bestand wordt in uw browser gelezen; er wordt niets verstuurd.",
                 "Pick or drop an export of your leads (CSV, TSV or Excel .xlsx/.xls/.ods, one row per lead). The file is read in your browser; nothing is sent anywhere.";
        Pick => "Bestand kiezen", "Choose a file";
        Drop => "…of sleep het bestand hierheen.", "…or drop the file here.";
        Starting => "De importeur wordt geladen…", "Loading the importer…";
        Reading => "Bestand lezen", "Reading the file";
        Rows => "rijen", "rows";
        ReadIn => "Gelezen in", "Read in";
        Summary => "Samenvatting", "Summary";
        RowsUsed => "Rijen gebruikt", "Rows used";
        Span => "Periode (dagen)", "Span (days)";
        DateOrder => "Datums gelezen als", "Dates read as";
        DayFirst => "dag-maand-jaar", "day-month-year";
        MonthFirst => "maand-dag-jaar", "month-day-year";
        Mapping => "Kolommen", "Columns";
        MappingHint => "Welke kolom elk gegeven levert. Klopt er een niet, kies dan de juiste; de cijfers worden opnieuw berekend.",
                       "Which column each value comes from. If one is wrong, choose the right one; the figures are computed again.";
        NotRead => "— niet gelezen —", "— not read —";
        FieldSource => "Bron (verplicht)", "Source (required)";
        FieldCreated => "Aangemaakt (verplicht)", "Created (required)";
        FieldFirstContact => "Eerste contact", "First contact";
        FieldResponseMinutes => "Reactietijd (minuten)", "Response time (minutes)";
        FieldAttempts => "Belpogingen", "Call attempts";
        FieldStatus => "Status", "Status";
        FieldSold => "Verkocht (ja/nee)", "Sold (yes/no)";
        FieldId => "Lead-id", "Lead id";
        Statuses => "Onbekende statuswaarden", "Unknown status values";
        StatusesHint => "Deze waarden kent leadplan niet; ze tellen als open tot u ze indeelt.",
                        "leadplan does not know these values; they count as open until you assign them.";
        GroupSold => "verkocht", "sold";
        GroupLost => "verloren", "lost";
        GroupOpen => "open", "open";
        GroupExcluded => "niet meetellen", "leave out";
        Problems => "Opmerkingen bij de gegevens", "Notes on the data";
        NoProblems => "Geen opmerkingen.", "No notes.";
        RowsAt => "rij", "row";
        Sources => "Bronnen", "Sources";
        Source => "Bron", "Source";
        Leads => "Leads", "Leads";
        PerMonth => "Per maand", "Per month";
        Decided => "Beslist", "Decided";
        Sold => "Verkocht", "Sold";
        Conversion => "Conversie (90%-interval)", "Conversion (90% interval)";
        Today => "Nu in de planner", "In the planner now";
        Uncertain => "onzeker", "uncertain";
        UncertainHint => "Minder dan 30 besliste leads: de conversie is onzeker.",
                         "Fewer than 30 decided leads: the conversion is uncertain.";
        NotInPlanner => "nieuw", "new";
        NoneDecided => "niets beslist", "nothing decided";
        FollowUp => "Opvolging", "Follow-up";
        Measure => "Gegeven", "Value";
        FromExport => "Uit de export", "From the export";
        FollowUpRate => "Opgevolgd", "Followed up";
        Median => "Reactietijd (mediaan)", "Response time (median)";
        P90 => "Reactietijd (p90)", "Response time (p90)";
        Spread => "Spreiding (p90 ÷ mediaan)", "Spread (p90 ÷ median)";
        Attempts => "Belpogingen", "Call attempts";
        Fit => "Past de log-normale verdeling (KS-afstand)", "Log-normal fit (KS distance)";
        FitPoor => "past slecht", "fits poorly";
        Contacted => "Reactietijden", "Response times";
        NotInExport => "niet in de export", "not in the export";
        ChartFit => "Reactietijden: export tegen log-normale verdeling", "Response times: export against log-normal";
        ShareOfLeads => "Aandeel leads", "Share of leads";
        ResponseTime => "Reactietijd", "Response time";
        InExport => "In de export", "In the export";
        Fitted => "Log-normaal (mediaan, spreiding)", "Log-normal (median, spread)";
        ChartArrivals => "Binnenkomst per uur van de week (export)", "Arrivals per hour of the week (export)";
        LeadsPerHour => "Leads per uur", "Leads per hour";
        Seasonality => "Seizoen (gemiddelde leads per maand)", "Seasonality (mean leads per month)";
        NoSeasonality => "Minder dan 12 hele maanden: geen seizoen.", "Fewer than 12 whole months: no seasonality.";
        Apply => "Overnemen in de planner", "Apply to the planner";
        ApplyHint => "Kies wat u overneemt; de rest van het scenario blijft zoals het is. Ongedaan maken zet alles in één stap terug.",
                     "Choose what to take over; the rest of the scenario stays as it is. Undo puts it all back in one step.";
        ApplySources => "Bronnen (leads per maand, conversie nu)", "Sources (leads per month, conversion now)";
        ApplyFollowUp => "Opvolging nu (opgevolgd, reactietijd, spreiding, pogingen)", "Follow-up now (followed up, response time, spread, attempts)";
        ApplyArrivals => "Binnenkomst per uur van de week", "Arrivals per hour of the week";
        ApplySeasonality => "Seizoen", "Seasonality";
        Applied => "Overgenomen in de planner.", "Applied to the planner.";
        NothingApplied => "Er veranderde niets: de planner had deze waarden al.", "Nothing changed: the planner already had these values.";
        Undo => "Ongedaan maken", "Undo";
        ApplyFailed => "Overnemen lukte niet", "Could not apply";
        WorkerFailed => "De importeur kon niet starten in deze browser.", "The importer could not start in this browser.";
        KeptWork => "Uw scenario is niet veranderd.", "Your scenario is unchanged.";
    }
}

/// The label of field `index` (in `calibrate::headers::FIELDS` order).
pub fn field_label(lang: Lang, index: usize) -> &'static str {
    use ImportText as T;
    [
        T::FieldSource,
        T::FieldCreated,
        T::FieldFirstContact,
        T::FieldResponseMinutes,
        T::FieldAttempts,
        T::FieldStatus,
        T::FieldSold,
        T::FieldId,
    ]
    .get(index)
    .map_or("", |t| t.get(lang))
}

/// A status group's name on the page.
pub fn group_label(lang: Lang, group: &str) -> &'static str {
    use ImportText as T;
    match group {
        "sold" => T::GroupSold,
        "lost" => T::GroupLost,
        "excluded" => T::GroupExcluded,
        _ => T::GroupOpen,
    }
    .get(lang)
}

/// A field's label by its report name (`source`, `created`).
fn field_by_name(lang: Lang, name: &str) -> &'static str {
    let index = (0..crate::state::import::FIELD_COUNT)
        .find(|&i| crate::state::import::field_name(i) == name)
        .unwrap_or(usize::MAX);
    field_label(lang, index)
}

/// What a problem kind means, in a sentence.
pub fn problem_text(lang: Lang, kind: &str) -> &'static str {
    let (nl, en) = match kind {
        "invalid_rows" => (
            "Rijen weggelaten: bron of aanmaakdatum ontbreekt of is geen datum",
            "Rows left out: source or created is missing or not a date",
        ),
        "invalid_values" => (
            "Waarden niet leesbaar (de rij telt zonder die waarde)",
            "Values that could not be read (the row counts without them)",
        ),
        "contact_before_created" => (
            "Eerste contact vóór aanmaak: telt als opgevolgd, zonder reactietijd",
            "First contact before created: counts as followed up, without a response time",
        ),
        "duplicate_ids" => ("Dubbele lead-id's weggelaten", "Repeated lead ids left out"),
        "unmapped_status" => (
            "Onbekende statuswaarden (tellen als open)",
            "Unknown status values (counted as open)",
        ),
        "sold_without_contact" => (
            "Verkocht zonder enig teken van contact",
            "Sold without any sign of contact",
        ),
        "few_decided_leads" => (
            "Bronnen met minder dan 30 besliste leads: conversie onzeker",
            "Sources with fewer than 30 decided leads: conversion uncertain",
        ),
        "ambiguous_date_order" => (
            "Datums als 03-04-2026 zonder bewijs van de volgorde: gelezen als dag-maand",
            "Dates like 03-04-2026 with nothing proving the order: read day first",
        ),
        "conflicting_date_order" => (
            "Datums in beide volgordes: de rijen van de andere volgorde kloppen niet",
            "Dates in both orders: the rows of the other order do not exist",
        ),
        "too_many_sources" => (
            "Meer dan 50 bronnen: de planner neemt de 50 grootste",
            "More than 50 sources: the planner takes the 50 largest",
        ),
        _ => ("Opmerking", "Note"),
    };
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// Why a file gives nothing, in a sentence or two.
pub fn failure_text(lang: Lang, f: &ImportFailure) -> String {
    let nl = lang == Lang::Nl;
    match f {
        ImportFailure::Empty => if nl { "Het bestand is leeg." } else { "The file is empty." }.into(),
        ImportFailure::Binary => if nl {
            "Dit is geen tekstexport (het bestand bevat binaire gegevens). Exporteer de leads als CSV of .xlsx."
        } else {
            "This is not a text export (the file holds binary data). Export the leads as CSV or .xlsx."
        }
        .into(),
        ImportFailure::Spreadsheet(why) => {
            if nl {
                format!("Het spreadsheet is niet te lezen: {why}")
            } else {
                format!("The spreadsheet cannot be read: {why}")
            }
        }
        ImportFailure::MissingColumns { missing, headers } => {
            let names: Vec<&str> = missing.iter().map(|m| field_by_name(lang, m)).collect();
            let shown: Vec<&str> = headers.iter().take(20).map(String::as_str).collect();
            if nl {
                format!(
                    "Geen kolom gevonden voor: {}. Kies hieronder de kolom. De kolommen zijn: {}.",
                    names.join(", "),
                    shown.join(", ")
                )
            } else {
                format!(
                    "No column found for: {}. Choose the column below. The columns are: {}.",
                    names.join(", "),
                    shown.join(", ")
                )
            }
        }
        ImportFailure::OnlyHeader => if nl {
            "Het bestand heeft een kopregel maar geen leads."
        } else {
            "The file has a header but no lead rows."
        }
        .into(),
        ImportFailure::NoUsableRow {
            rows,
            invalid,
            duplicates,
            excluded,
            first_reason,
        } => {
            let first = first_reason
                .as_ref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default();
            if nl {
                format!(
                    "Geen bruikbare rij: van {rows} rijen missen {invalid} een leesbare bron of aanmaakdatum{first}, herhalen {duplicates} een eerdere id en hebben {excluded} een status die niet meetelt."
                )
            } else {
                format!(
                    "No usable row: of {rows} rows, {invalid} lack a readable source or created date{first}, {duplicates} repeat an earlier id and {excluded} have an excluded status."
                )
            }
        }
        ImportFailure::Unreadable(why) => {
            if nl {
                format!("De browser kon het bestand niet lezen: {why}")
            } else {
                format!("The browser could not read the file: {why}")
            }
        }
    }
}
