//! Texts of the plan a marketeer can buy (MODEL.md §8): the sources' buy settings, the cheapest
//! plan, the budget question and the cost-per-sale comparison, in Dutch and English.

crate::i18n::texts! {
    /// A text of the buy plan's inputs and results.
    pub enum BuyText {
    // Inputs
    Buyable => "Bij te kopen", "Buyable";
    BuyableHint => "Standaard bij te kopen als een lead iets kost; gratis bronnen (importeur, binnenlopers) komen zoals ze komen.",
                   "Buyable by default when a lead costs something; free sources (importer, walk-ins) come as they come.";
    MaxLeads => "Hoogstens … leads per maand", "At most … leads a month";
    MaxLeadsHint => "Leeg: geen maximum.", "Empty: no cap.";
    FixedCost => "Vaste kosten per maand", "Fixed cost per month";
    BuySettings => "Inkoop", "Buying";
    BudgetPerYear => "Budget per jaar (optioneel)", "Budget per year (optional)";
    BudgetHint => "Wat levert dit budget op? Leeg: geen budgetvraag.", "What does this budget buy? Empty: no budget question.";

    // The cheapest plan
    CheapestPlan => "Goedkoopste plan", "Cheapest plan";
    CheapestIntro => "Zo bereikt u het verkoopdoel het goedkoopst: bronnen die niet bij te kopen zijn leveren hun huidige leads, de rest komt van de bij te kopen bronnen met de laagste kosten per verkoop, elk tot zijn maximum.",
                     "The least-cost way to the sales target: sources that cannot be bought deliver their current leads, the rest comes from the buyable sources with the lowest cost per sale, each up to its cap.";
    CurrentMix => "Huidige mix", "Current mix";
    Comparison => "Budget: huidige mix tegen goedkoopste plan", "Budget: current mix against the cheapest plan";
    Plan => "Plan", "Plan";
    LeadsNow => "Leads, nu", "Leads, today";
    LeadsTarget => "Leads, doelproces", "Leads, target process";
    BudgetNow => "Budget, nu", "Budget, today";
    BudgetTarget => "Budget, doelproces", "Budget, target process";
    SalesNow => "Verkopen, nu", "Sales, today";
    SalesTarget => "Verkopen, doelproces", "Sales, target process";
    CheapestBySource => "Goedkoopste plan per bron", "Cheapest plan by source";
    CheapestByMonth => "Goedkoopste plan per maand", "Cheapest plan by month";
    ShortfallNow => "Met het huidige proces halen de maxima het doel niet: er ontbreken", "With today's process the caps cannot reach the target: short by";
    ShortfallTarget => "Met het doelproces halen de maxima het doel niet: er ontbreken", "With the target process the caps cannot reach the target: short by";
    SalesUnit => "verkopen", "sales";
    RaiseCaps => "Verhoog een maximum, maak een bron bij te kopen of verlaag het doel.", "Raise a cap, make a source buyable or lower the target.";
    NoTarget => "Vul een verkoopdoel in: het jaarplan, het goedkoopste plan en de budgetvraag rekenen vanaf het doel.",
                "Enter a sales target: the annual plan, the cheapest plan and the budget question start from the target.";

    // Budget to sales
    ForBudget => "Wat het budget oplevert", "What the budget buys";
    ForBudgetIntro => "Het budget per jaar, na de vaste kosten, besteed in dezelfde volgorde (laagste kosten per verkoop eerst), inclusief de verkopen van bronnen die niet bij te kopen zijn.",
                      "The budget per year, after fixed costs, spent in the same order (lowest cost per sale first), including the sales of sources that cannot be bought.";
    NoBudget => "Vul een budget per jaar in om te zien hoeveel verkopen het oplevert.", "Enter a budget per year to see how many sales it buys.";

    // Cost per sale
    CostPerSale => "Kosten per verkoop per bron", "Cost per sale by source";
    CostPerSaleIntro => "Leadkosten plus vaste kosten van de bron, gedeeld door haar verkopen.",
                        "The source's lead cost plus fixed cost, divided by its sales.";
    SourceName => "Bron", "Source";
    CostNow => "Kosten per verkoop, nu", "Cost per sale, today";
    CostTarget => "Kosten per verkoop, doelproces", "Cost per sale, target process";
    SortBy => "Sorteer op", "Sort by";
    BenchmarkCost => "Benchmark", "Benchmark";
    BenchmarkCostNote => "Benchmark: gemiddelde kosten per lead (alle kosten ÷ alle leads) gedeeld door de benchmarkconversie.",
                         "Benchmark: the average cost per lead (all cost ÷ all leads) divided by the benchmark conversion.";
    ChartCostPerSale => "Kosten per verkoop per bron, nu en met het doelproces", "Cost per sale by source, today and with the target process";
    NoSales => "geen verkopen", "no sales";
    }
}
