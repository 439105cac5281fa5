//! The planner's own texts (seasonality, advanced settings, the annual plan, warnings), in
//! Dutch and English, kept apart from the shared set so parallel features do not collide.

use crate::i18n::Lang;

crate::i18n::texts! {
    /// A text of the planner's inputs and results.
    pub enum PlannerText {
    // While the planner's later input groups mount (the page's first paint says the same).
    Loading => "leadplan laadt…", "leadplan is loading…";

    // Follow-up sliders
    AttemptsValue => "pogingen", "attempts";
    AttemptValue => "poging", "attempt";

    // Seasonality
    SeasonalityIntro => "Relatief gewicht per maand; leadplan rekent het om naar een aandeel van het jaar.",
                        "Relative weight per month; leadplan turns it into a share of the year.";
    ShareOfYear => "aandeel", "share";
    PresetDealer => "Dealerpatroon", "Dealer pattern";
    PresetFlat => "Vlak", "Flat";
    WhyDealerSeason => "Indicatief dealerpatroon: januari sterk, de zomervakantie zwak. Nieuwe registraties in Nederland pieken in januari (en in jaren met een belastingwijziging in december).",
                       "Indicative dealer pattern: January strong, the summer holidays weak. New-car registrations in the Netherlands peak in January (and, in years of a tax change, in December).";
    WhyFlatSeason => "Elke maand even zwaar: als u geen seizoenspatroon kent of wilt aannemen.",
                     "Every month the same: when you know or assume no seasonal pattern.";
    PresetsLabel => "Voorinstellingen", "Presets";
    InUse => "in gebruik", "in use";

    // Advanced
    ResponseCurve => "Responscurve", "Response curve";
    CurveIntro => "Hoeveel minder bereikbaar een lead is als de eerste poging pas na zoveel minuten komt. De studies meten kansverhoudingen op contact of kwalificatie; leadplan gebruikt ze als factor op de bereikbaarheid.",
                  "How much less reachable a lead is when first called only after so many minutes. The studies measure odds ratios of contact or qualification; leadplan uses them as factors on reachability.";
    CurveAutomotive => "Automotive NL", "Automotive NL";
    CurveHbr => "HBR 2011", "HBR 2011";
    CurveMit => "MIT/InsideSales 2007", "MIT/InsideSales 2007";
    WhyCurveAutomotive => "Standaard: afgestemd zodat het voorbeeld van 8,7% naar 15% conversie gaat, in lijn met DCDW (7,9% bij 8 uur, 13% binnen 7 minuten) en Pied Piper PSI 2022 (snel en persoonlijk antwoorden verkoopt ~50% meer).",
                         "Default: tuned so the example moves from 8.7% to 15% conversion, in line with DCDW (7.9% at 8 hours, 13% within 7 minutes) and Pied Piper PSI 2022 (answering quickly and personally sells ~50% more).";
    WhyCurveHbr => "Oldroyd, McElheran & Elkington, \"The Short Life of Online Sales Leads\" (HBR 2011): binnen een uur ≈7× de kans van een uur later, >60× die van 24 uur of meer.",
                   "Oldroyd, McElheran & Elkington, \"The Short Life of Online Sales Leads\" (HBR 2011): within an hour ≈7× the odds of an hour later, >60× those of 24 hours or more.";
    WhyCurveMit => "Lead Response Management-studie (MIT/InsideSales 2007): 21× meer kans op kwalificatie na 5 dan na 30 minuten, ongeveer 4× bij 5 tegen 10 minuten.",
                   "Lead Response Management study (MIT/InsideSales 2007): 21× the qualification odds at 5 than at 30 minutes, about 4× at 5 versus 10 minutes.";
    CurrentCurve => "Huidige curve", "Current curve";
    CustomCurve => "eigen punten", "custom points";
    UsePreset => "Gebruik", "Use";
    PointMinutes => "Tijd na de lead", "Time after the lead";
    PointFactor => "Bereikbaarheid", "Reachability";
    Point => "punt", "point";
    AddPoint => "Punt toevoegen", "Add point";
    RemovePoint => "Punt verwijderen", "Remove point";
    CurveRule => "Minuten moeten oplopen; de factor mag niet stijgen en ligt tussen 0 en 100%.",
                 "Minutes must increase; the factor must not rise and lies between 0 and 100%.";
    Reachability => "Bereikbaarheid per poging", "Reachability per attempt";
    FirstAttempt => "Kans dat een directe eerste poging de lead bereikt", "Chance an immediate first attempt reaches the lead";
    AttemptDecay => "Factor per volgende poging", "Factor per further attempt";
    WhyFirstAttempt => "Velocify: 85% van de conversies binnen drie pogingen, 93–95% bij de zesde. 60% en 70% geven voor een lead na 8 uur 84% (3 pogingen) en 95% (6) van wat onbeperkt bellen haalt.",
                       "Velocify: 85% of conversions within three attempts, 93–95% by the sixth. 60% and 70% give, for a lead called after 8 hours, 84% (3 attempts) and 95% (6) of what unlimited attempts reach.";
    WhyAttemptDecay => "Elke volgende poging bereikt met deze factor maal de kans van de vorige (Velocify, zie hierboven).",
                       "Each further attempt reaches with this factor times the previous one's chance (Velocify, see above).";
    Simulation => "Simulatie (Monte Carlo)", "Simulation (Monte Carlo)";
    Runs => "Aantal gesimuleerde jaren", "Simulated years (runs)";
    Seed => "Startgetal (seed)", "Seed";
    VolumeCv => "Variatie in leadvolume per maand (CV)", "Month-to-month lead-volume variation (CV)";
    WhyRuns => "10.000 jaren geven P10–P90 op ongeveer 1% nauwkeurig en rekenen in milliseconden.",
               "10,000 years give P10–P90 to about 1% and compute in milliseconds.";
    WhySeed => "Zelfde scenario en startgetal: precies dezelfde uitkomst, zodat scenario's eerlijk te vergelijken zijn.",
               "Same scenario and seed: exactly the same result, so scenarios compare fairly.";
    WhyVolumeCv => "0,15: een maand wijkt typisch zo'n 15% af van het gemiddelde. Pas aan naar de spreiding in uw eigen CRM.",
                   "0.15: a month typically differs about 15% from the average. Adjust to the variation in your own CRM.";

    // Figures
    CostPerSaleTarget => "Leadkosten per verkoop met doelproces", "Lead cost per sale with target process";

    // Annual plan
    PlanIntro => "Wat het verkoopdoel vraagt bij de huidige bronnenmix: leads en budget, met het huidige en met het doelproces.",
                 "What the sales target needs with today's source mix: leads and budget, with today's and with the target process.";
    PlanByMonth => "Per maand", "By month";
    PlanBySource => "Per bron", "By source";
    LeadsNeededNow => "Leads nodig, nu", "Leads needed, today";
    LeadsNeededTarget => "Leads nodig, doelproces", "Leads needed, target process";
    BudgetNow => "Budget, nu", "Budget, today";
    BudgetTarget => "Budget, doelproces", "Budget, target process";
    Total => "Totaal", "Total";
    ConversionNeeded => "Conversie nodig met de huidige leads", "Conversion today's leads would need";
    AgainstBenchmark => "benchmark", "benchmark";
    AboveBenchmark => "hoger dan de benchmark", "above the benchmark";
    WithinBenchmark => "binnen de benchmark", "within the benchmark";
    NotPlannable => "niet te plannen", "cannot be planned";
    Month => "Maand", "Month";

    // Warnings
    Warnings => "Let op", "Please check";
    }
}

/// Full month names, January first.
pub fn month_long(lang: Lang, month: usize) -> &'static str {
    const NL: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let names = match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    };
    names.get(month).copied().unwrap_or("?")
}
