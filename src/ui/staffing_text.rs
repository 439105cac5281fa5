//! The texts of staffing (MODEL.md §7, issue #12): the response-time choice, the shift editor,
//! the staffing figures, the ROI card, the suggestions and the charts, in Dutch and English.
//! Kept apart from the shared set so parallel features do not collide.

use crate::i18n::Lang;

crate::i18n::texts! {
    /// A text of the staffing inputs and results.
    pub enum StaffingText {
    // The choice per process
    ResponseSource => "Reactietijd", "Response time";
    Typed => "Responstijd invullen", "Type the response time";
    FromStaffing => "Uit bezetting", "From staffing";
    WhyStaffing => "Met een bezetting volgt de reactietijd uit wie wanneer leads beantwoordt: leads die buiten de diensten binnenkomen wachten tot de volgende dienst, en drukke uren geven een wachtrij.",
                   "With staffing the response time follows from who answers leads when: leads arriving outside the shifts wait for the next shift, and busy hours make a queue.";

    // The shift editor
    Shifts => "Diensten", "Shifts";
    Shift => "Dienst", "Shift";
    Days => "Dagen", "Days";
    From => "Van", "From";
    To => "Tot", "To";
    People => "Mensen", "People";
    AddShift => "Dienst toevoegen", "Add a shift";
    RemoveShift => "Dienst verwijderen", "Remove shift";
    Undo => "Ongedaan maken", "Undo";
    TimeHint => "Tijd als 09:00; 24:00 is middernacht aan het eind van de dag.",
                "Time as 09:00; 24:00 is midnight at the end of the day.";
    Work => "Werk per lead", "Work per lead";
    MinutesPerLead => "Minuten eerste reactie", "Minutes per first response";
    MinutesPerRetry => "Minuten per volgende poging", "Minutes per further attempt";
    ReactionMinutes => "Minuten voordat een nieuwe lead wordt opgepakt", "Minutes before a new lead is picked up";
    CostPerPersonHour => "Kosten per bezet uur", "Cost per staffed hour";
    WhyWork => "8 minuten per eerste reactie en 2 voordat een lead wordt opgepakt: Autotrader rekent ongeveer 10 minuten per lead. €25 per uur: een klantenservicemedewerker verdient €14,50–17,50 bruto per uur, plus 35–55% werkgeverslasten.",
               "8 minutes per first response and 2 before a lead is picked up: Autotrader counts about 10 minutes per lead. €25 an hour: a customer-service employee earns €14.50–17.50 gross an hour, plus 35–55% employer costs.";
    StaffedHours => "Bezette uren per week", "Staffed hours a week";

    // Day names, Monday first
    Mon => "ma", "Mon";
    Tue => "di", "Tue";
    Wed => "wo", "Wed";
    Thu => "do", "Thu";
    Fri => "vr", "Fri";
    Sat => "za", "Sat";
    Sun => "zo", "Sun";
    MonLong => "maandag", "Monday";
    TueLong => "dinsdag", "Tuesday";
    WedLong => "woensdag", "Wednesday";
    ThuLong => "donderdag", "Thursday";
    FriLong => "vrijdag", "Friday";
    SatLong => "zaterdag", "Saturday";
    SunLong => "zondag", "Sunday";

    // Figures
    Staffing => "Bezetting", "Staffing";
    Within5 => "Binnen 5 minuten beantwoord", "Answered within 5 minutes";
    Median => "Mediane reactietijd", "Median response time";
    P90 => "90% beantwoord binnen", "90% answered within";
    Unstaffed => "Komt binnen als niemand er is", "Arrive while nobody is on duty";
    Utilisation => "Bezettingsgraad", "Utilisation";
    CostPerYear => "Personeelskosten per jaar", "Staffing cost per year";
    MedianJumps => "Het midden van deze verdeling kan van minuten naar uren springen bij een kleine wijziging; kijk daarom eerst naar het aandeel binnen 5 minuten.",
                   "The middle of this distribution can jump from minutes to hours on a small change, so look at the share within 5 minutes first.";
    Roi => "Wat de doelbezetting oplevert", "What the target staffing earns";
    ExtraCost => "Extra personeelskosten per jaar", "Extra staffing cost per year";
    ExtraGrossProfit => "Extra brutowinst per jaar", "Extra gross profit per year";
    Net => "Netto per jaar", "Net per year";
    RoiBothStaffed => "Zet vandaag en het doel allebei op bezetting om te zien wat de extra bezetting kost en oplevert.",
                      "Set both today and the target to staffing to see what the extra staffing costs and earns.";

    // Suggestions
    Suggestions => "Beste extra blokken van 3 uur", "Best extra 3-hour blocks";
    SuggestionsIntro => "Eén persoon extra gedurende drie uur, bij de bezetting van vandaag; gerangschikt naar wat het netto per jaar oplevert.",
                        "One extra person for three hours, added to today's staffing; ranked by what it earns net per year.";
    Computing => "Berekenen…", "Computing…";
    Block => "Blok", "Block";
    ExtraSales => "Extra verkopen per jaar", "Extra sales per year";
    AddBlock => "Toevoegen als dienst", "Add as a shift";
    AddBlockNamed => "Voeg blok toe", "Add block";
    NoSuggestions => "Zet de opvolging van vandaag op bezetting voor suggesties.",
                     "Set today's follow-up to staffing for suggestions.";

    // Charts
    ChartWeek => "Week: wanneer leads binnenkomen en wie er is", "The week: when leads arrive and who is on duty";
    LeadsPerHour => "Leads per uur", "Leads per hour";
    StaffedPeople => "Bezet (mensen)", "Staffed (people)";
    ChartResponseTimes => "Verdeling van de reactietijd", "Distribution of the response time";
    AnsweredShare => "Aandeel beantwoord", "Share answered";
    ResponseTime => "Reactietijd", "Response time";

    // Presentation mode
    BestBlockLever => "Beste extra blok", "Best extra block";
    }
}

/// The day's short name.
pub fn day_short(lang: Lang, day: crate::model::capacity::Day) -> &'static str {
    use crate::model::capacity::Day;
    let t = match day {
        Day::Mon => StaffingText::Mon,
        Day::Tue => StaffingText::Tue,
        Day::Wed => StaffingText::Wed,
        Day::Thu => StaffingText::Thu,
        Day::Fri => StaffingText::Fri,
        Day::Sat => StaffingText::Sat,
        Day::Sun => StaffingText::Sun,
    };
    t.get(lang)
}

/// The day's full name.
pub fn day_long(lang: Lang, day: crate::model::capacity::Day) -> &'static str {
    use crate::model::capacity::Day;
    let t = match day {
        Day::Mon => StaffingText::MonLong,
        Day::Tue => StaffingText::TueLong,
        Day::Wed => StaffingText::WedLong,
        Day::Thu => StaffingText::ThuLong,
        Day::Fri => StaffingText::FriLong,
        Day::Sat => StaffingText::SatLong,
        Day::Sun => StaffingText::SunLong,
    };
    t.get(lang)
}
