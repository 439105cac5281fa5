//! The texts of the embedded widget and the presentation mode, in Dutch and English (plain
//! data: the build's first paint compiles this file natively too, see `first_paint`).

crate::i18n::texts! {
    /// Texts of the embedded widget and the presentation mode.
    pub enum EmbedText {
        AllLeads => "Alle leads", "All leads";
        LeadsAllSources => "Leads per maand (alle bronnen)", "Leads per month (all sources)";
        ConversionNow => "Conversie lead-naar-verkoop nu", "Lead-to-sale conversion today";
        FollowUpNow => "Leads opgevolgd nu", "Leads followed up today";
        ResponseNow => "Reactietijd nu (mediaan)", "Response time today (median)";
        AttemptsNow => "Belpogingen nu", "Call attempts today";
        ComparedWith => "Vergeleken met", "Compared with";
        FollowedUp => "opgevolgd", "followed up";
        Within => "binnen", "within";
        AttemptsShort => "belpogingen", "attempts";
        SalesPerYearNowTarget => "verkopen per jaar nu, met snelle opvolging", "sales per year today, with fast follow-up";
        RevenuePerSaleLabel => "Omzet per verkoop", "Revenue per sale";
        OpenPlanner => "Open de volledige planner", "Open the full planner";
        NewTab => "(opent in een nieuw tabblad)", "(opens in a new tab)";
        ChartAlt => "Gemiste verkopen per oorzaak", "Lost sales by cause";
    }
}
