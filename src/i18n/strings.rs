//! Every text of the interface, in Dutch and English, behind typed keys: a missing translation
//! is a compile error, not a blank on screen.

use super::Lang;

/// Declares a typed set of interface texts: `texts! { pub enum Name { Key => "nl", "en"; … } }`.
/// Each feature may keep its own set in its own file (e.g. `ui::scenarios` has `ScenarioText`);
/// a missing translation is a compile error.
macro_rules! texts {
    ($(#[$enum_doc:meta])* pub enum $name:ident { $($(#[$doc:meta])* $key:ident => $nl:expr, $en:expr;)* }) => {
        $(#[$enum_doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$doc])* #[allow(missing_docs)] $key,)*
        }

        impl $name {
            /// Every key, for completeness tests.
            pub const ALL: &'static [$name] = &[$($name::$key,)*];

            /// The text in `lang`.
            pub fn get(self, lang: $crate::i18n::Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$key, $crate::i18n::Lang::Nl) => $nl, ($name::$key, $crate::i18n::Lang::En) => $en,)*
                }
            }
        }
    };
}
pub(crate) use texts;

texts! {
    /// A text of the planner and the page around it.
    pub enum Text {
    AppTitle => "leadplan", "leadplan";
    Tagline => "Hoeveel leads uw verkoopdoel vraagt, en wat trage opvolging kost.",
               "How many leads your sales target needs, and what slow follow-up costs.";
    Language => "Taal", "Language";
    PrivacyNote => "Alles rekent in uw browser; er wordt niets verstuurd.",
                   "Everything is computed in your browser; nothing is sent anywhere.";

    // Sections
    Inputs => "Invoer", "Inputs";
    Results => "Resultaten", "Results";
    Economics => "Economie", "Economics";
    LeadSources => "Leadbronnen", "Lead sources";
    FollowUp => "Opvolging", "Follow-up";
    Seasonality => "Seizoenspatroon", "Seasonality";
    Advanced => "Geavanceerd", "Advanced";
    Charts => "Grafieken", "Charts";
    AnnualPlan => "Jaarplan", "Annual plan";

    // Economics
    RevenuePerSale => "Omzet per verkoop", "Revenue per sale";
    GrossProfitPerSale => "Brutowinst per verkoop", "Gross profit per sale";
    TargetSalesPerYear => "Verkoopdoel per jaar", "Sales target per year";
    TargetSalesHint => "Leeg laten: geen doel.", "Leave empty for no target.";
    BenchmarkConversion => "Benchmark lead-naar-verkoop", "Benchmark lead-to-sale";
    WhyBenchmark => "13%: DCDW (Paul de Vries, AutosBuzz 2019) zag 7,9% conversie bij 8 uur reactietijd en 13% bij bellen binnen ongeveer 7 minuten.",
                    "13%: DCDW (Paul de Vries, AutosBuzz 2019) saw 7.9% conversion at an 8-hour response and 13% when calling within about 7 minutes.";

    // Sources
    SourceName => "Bron", "Source";
    LeadsPerMonth => "Leads per maand", "Leads per month";
    CostPerLead => "Kosten per lead", "Cost per lead";
    ConversionNow => "Conversie nu", "Conversion today";
    AddSource => "Bron toevoegen", "Add source";
    RemoveSource => "Verwijderen", "Remove";
    MoveUp => "Omhoog", "Move up";
    MoveDown => "Omlaag", "Move down";
    NewSource => "Nieuwe bron", "New source";
    WhyCostPerLead => "Portals publiceren geen prijs per lead (ze verkopen advertentiepakketten): deel uw portalkosten door het aantal leads.",
                      "Portals publish no price per lead (they sell listing packages): divide your portal spend by its leads.";
    WhyConversionNow => "Uit uw CRM: verkopen ÷ leads van deze bron over het afgelopen jaar.",
                        "From your CRM: sales ÷ leads of this source over the past year.";

    // Process
    ProcessNow => "Nu", "Today";
    ProcessTarget => "Doel", "Target";
    FollowUpRate => "Leads opgevolgd", "Leads followed up";
    MedianResponse => "Reactietijd (mediaan)", "Response time (median)";
    ResponseSpread => "Spreiding (p90 ÷ mediaan)", "Spread (p90 ÷ median)";
    Attempts => "Belpogingen", "Call attempts";
    WhyFollowUp => "DCDW mystery shop bij 180 Nederlandse dealers: slechts 66% van de e-mailleads opgevolgd, gemiddeld na 7 uur. HBR 2011: 23% van de bedrijven reageerde nooit.",
                   "DCDW mystery shop of 180 Dutch dealers: only 66% of e-mail leads followed up, after 7 hours on average. HBR 2011: 23% of firms never responded.";
    WhyResponse => "Typ minuten of bijvoorbeeld \"8 u\", \"2 d\", \"45 min\". HBR 2011: binnen een uur ≈7× zoveel kans als een uur later.",
                   "Type minutes or e.g. \"8 h\", \"2 d\", \"45 min\". HBR 2011: within an hour ≈7× the odds of an hour later.";
    WhyAttempts => "Velocify: 85% van de conversies binnen drie pogingen, 93–95% bij de zesde; verkopers deden er gemiddeld 1,6.",
                   "Velocify: 85% of conversions within three attempts, 93–95% by the sixth; reps averaged 1.6.";

    // Results
    SalesNow => "Verkopen per jaar nu", "Sales per year today";
    SalesTarget => "Verkopen met doelproces", "Sales with target process";
    LostSales => "Gemiste verkopen per jaar", "Sales lost per year";
    LostRevenue => "Gemiste omzet per jaar", "Revenue lost per year";
    LostGrossProfit => "Gemiste brutowinst per jaar", "Gross profit lost per year";
    ConversionToday => "Conversie nu", "Conversion today";
    ConversionTarget => "Conversie met doelproces", "Conversion with target process";
    VsBenchmark => "benchmark", "benchmark";
    CostPerSaleNow => "Leadkosten per verkoop nu", "Lead cost per sale today";
    WastedSpend => "Uitgegeven aan leads die niemand opvolgde", "Spent on leads nobody followed up";
    LeadsPerYear => "Leads per jaar", "Leads per year";
    LeadCostPerYear => "Leadkosten per jaar", "Lead cost per year";
    HitTargetNow => "Kans dat het verkoopdoel wordt gehaald, nu", "Chance of reaching the sales target, today";
    HitTargetTarget => "Kans op het verkoopdoel met doelproces", "Chance of reaching the target with the target process";
    LastValidShown => "De resultaten horen bij de laatste geldige invoer.",
                      "The results belong to the last valid inputs.";
    FixFields => "Controleer de gemarkeerde velden.", "Check the marked fields.";

    // Charts
    ChartMonthly => "Verkopen per maand: nu en met doelproces", "Sales per month: today and with the target process";
    ChartWaterfall => "Gemiste verkopen per oorzaak", "Lost sales by cause";
    ChartResponseCurve => "Bereikbaarheid naar reactietijd", "Reachability by response time";
    ChartLeadsNeeded => "Benodigde leads per jaar naar conversie", "Leads needed per year by conversion";
    ChartLostRevenue => "Spreiding van de gemiste omzet per jaar", "Distribution of revenue lost per year";
    ChartError => "De grafiek kon niet worden getekend.", "The chart could not be drawn.";
    SalesPerMonth => "Verkopen per maand", "Sales per month";
    SalesPerYear => "Verkopen per jaar", "Sales per year";
    Band => "P10–P90 (8 op de 10 jaren)", "P10–P90 (8 in 10 years)";
    CauseFollowUp => "Opvolging", "Follow-up";
    CauseSpeed => "Snelheid", "Speed";
    CauseAttempts => "Belpogingen", "Attempts";
    Gain => "winst", "gain";
    Loss => "verlies", "loss";
    ReachFactor => "Bereikbaarheid", "Reachability";
    ResponseTime => "Reactietijd", "Response time";
    CurvePoints => "Punten van de curve", "Curve points";
    Conversion => "Conversie lead-naar-verkoop", "Lead-to-sale conversion";
    LeadsNeededAxis => "Benodigde leads per jaar", "Leads needed per year";
    Benchmark => "Benchmark", "Benchmark";
    ShareOfYears => "Aandeel van de jaren", "Share of years";
    Mean => "Gemiddelde", "Mean";
    NoTargetNoChart => "Vul een verkoopdoel in om de benodigde leads te zien.", "Enter a sales target to see the leads needed.";
    Simulating => "Onzekerheid wordt berekend…", "Computing the uncertainty…";
    Months => "Maand", "Month";
    Sales => "Verkopen", "Sales";

    // Errors
    ErrEmpty => "Vul een waarde in.", "Enter a value.";
    ErrNotANumber => "Geen getal: typ bijvoorbeeld 12,5.", "Not a number: type e.g. 12.5.";
    ErrUnknownUnit => "Onbekende eenheid: gebruik min, u, d of week.", "Unknown unit: use min, h, d or week.";
    PanicMessage => "Er ging iets mis in leadplan. Herlaad de pagina; uw invoer staat in de link of in de browser opgeslagen.",
                    "Something went wrong in leadplan. Reload the page; your inputs are kept in the link or in the browser.";
    }
}

/// Month names, January first.
pub fn month_short(lang: Lang, month: usize) -> &'static str {
    const NL: [&str; 12] = [
        "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
    ];
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let names = match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    };
    names.get(month).copied().unwrap_or("?")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_exists_in_both_languages() {
        for key in Text::ALL {
            assert!(!key.get(Lang::Nl).is_empty(), "{key:?} nl");
            assert!(!key.get(Lang::En).is_empty(), "{key:?} en");
        }
    }
}
