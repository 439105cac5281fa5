//! The texts of the scenario library, sharing, files, presets and print, in Dutch and English
//! (plain data: the build's first paint compiles this file natively too, see `first_paint`).

crate::i18n::texts! {
    /// Texts of the scenario library, sharing, files, presets and print.
    pub enum ScenarioText {
        Scenarios => "Scenario's", "Scenarios";
        BarSummary => "Scenario's, delen en bestanden", "Scenarios, sharing and files";
        Saved => "Opgeslagen scenario's", "Saved scenarios";
        NotSaved => "(niet opgeslagen)", "(not saved)";
        SaveAs => "Opslaan als…", "Save as…";
        Save => "Opslaan", "Save";
        Rename => "Hernoemen…", "Rename…";
        RenameDo => "Hernoemen", "Rename";
        Duplicate => "Dupliceren", "Duplicate";
        Delete => "Verwijderen…", "Delete…";
        DeleteConfirm => "Ja, verwijderen", "Yes, delete";
        DeleteQuestion => "Dit opgeslagen scenario verwijderen:", "Delete this saved scenario:";
        Cancel => "Annuleren", "Cancel";
        Name => "Naam", "Name";
        CopySuffix => "kopie", "copy";
        NameEmpty => "Geef een naam.", "Enter a name.";
        NameTooLong => "Die naam is te lang (hoogstens 200 tekens).", "That name is too long (200 characters at most).";
        NameTaken => "Er is al een opgeslagen scenario met die naam.", "A saved scenario already has that name.";
        Compare => "Vergelijken", "Compare";
        Presets => "Workshopvoorbeelden", "Workshop presets";
        LoadPreset => "Laden", "Load";
        PresetLoaded => "Voorbeeld geladen, nog niet opgeslagen; uw opgeslagen scenario's blijven ongewijzigd.",
                        "Preset loaded, not saved yet; your saved scenarios are unchanged.";
        FromLink => "Dit scenario komt uit een link en is nog niet opgeslagen; uw opgeslagen scenario's blijven ongewijzigd.",
                    "This scenario comes from a link and is not saved yet; your saved scenarios are unchanged.";
        SaveThis => "Dit scenario opslaan", "Save this scenario";
        Share => "Delen", "Share";
        ShareLink => "Link naar dit scenario", "Link to this scenario";
        Copied => "De link staat op het klembord.", "The link is on the clipboard.";
        CopyRefused => "Kopiëren naar het klembord lukte niet; selecteer de link hieronder en kopieer hem zelf.",
                       "Copying to the clipboard did not work; select the link below and copy it yourself.";
        ExportJson => "Exporteren (JSON)", "Export (JSON)";
        ExportCsv => "Jaarplan als CSV", "Annual plan as CSV";
        Import => "Importeren (JSON)", "Import (JSON)";
        Imported => "Geïmporteerd en opgeslagen als", "Imported and saved as";
        ImportFailed => "Dit bestand is niet geïmporteerd; er is niets veranderd. Problemen:",
                        "This file was not imported; nothing changed. Problems:";
        ImportUnreadable => "Het bestand kon niet worden gelezen.", "The file could not be read.";
        Print => "Afdrukken", "Print";
        Files => "Bestanden", "Files";
        LinkNotBase64 => "De link is beschadigd: het scenario-deel (s=) bevat tekens die er niet in horen. Alleen letters, cijfers, - en _ zijn toegestaan.",
                         "The link is damaged: its scenario part (s=) contains characters that do not belong there. Only letters, digits, - and _ are allowed.";
        LinkNotDeflate => "De link is beschadigd of afgekapt: het scenario-deel (s=) laat zich niet uitpakken. Vraag om de volledige link.",
                          "The link is damaged or cut short: its scenario part (s=) does not unpack. Ask for the complete link.";
        LinkTooLarge => "Het scenario in de link is groter dan 1 MB en wordt niet gelezen.", "The link's scenario is larger than 1 MB and is not read.";
        LinkNotText => "Het scenario-deel (s=) van de link is geen tekst.", "The link's scenario part (s=) is not text.";
        LinkUnsupported => "Deze browser kan links met een scenario niet uitpakken; open de link in een recente browser.",
                           "This browser cannot unpack scenario links; open the link in a recent browser.";
        LinkFailed => "Deze browser kan geen link met het scenario maken; exporteer het scenario als bestand.",
                      "This browser cannot make a link with the scenario; export the scenario as a file.";
        LinkInvalid => "Het scenario in de link bevat fouten:", "The link's scenario has problems:";
        LinkDefaults => "leadplan toont daarom het standaardscenario.", "leadplan therefore shows the default scenario.";
        StorageUnavailable => "Opslag in deze browser is uitgeschakeld: wijzigingen worden niet bewaard. Exporteer uw scenario als bestand om het te houden.",
                              "Storage is disabled in this browser: changes are not kept. Export your scenario as a file to keep it.";
        StorageFull => "De opslag van deze browser is vol: de laatste wijziging is niet bewaard. Verwijder oude scenario's of exporteer als bestand.",
                       "This browser's storage is full: the last change was not kept. Delete old scenarios or export as a file.";
        StorageCorrupt => "De opgeslagen scenario's waren onleesbaar en zijn vervangen door het standaardscenario (een kopie staat onder leadplan.scenarios.backup).",
                          "The saved scenarios could not be read and were replaced by the default scenario (a copy is kept under leadplan.scenarios.backup).";
        StorageNewer => "De opgeslagen scenario's komen van een nieuwere leadplan; ze blijven onaangeroerd en deze sessie wordt niets opgeslagen.",
                        "The saved scenarios come from a newer leadplan; they are left untouched and nothing is saved in this session.";
        StorageMigrated => "De opgeslagen gegevens hadden een ouder formaat en zijn omgezet.", "The saved data had an older format and were converted.";
        StorageDropped => "Een opgeslagen scenario was onleesbaar en is weggelaten; de andere zijn behouden:",
                          "A saved scenario could not be read and was left out; the others were kept:";
        Dismiss => "Sluiten", "Dismiss";
        PrintSources => "Bronnen van de standaardwaarden", "Sources of the defaults";
        PrintSourcesText => "13% benchmark: DCDW (Paul de Vries, AutosBuzz 2019). Responscurve: Automotive NL, naar DCDW en Pied Piper PSI 2022; HBR 2011 (Oldroyd, McElheran & Elkington); MIT/InsideSales 2007. Belpogingen: Velocify. Opvolging: DCDW-mysteryshop onder 180 dealers (66% opgevolgd). Seizoen: indicatief dealerpatroon. Kosten per lead van portals: eigen invoer.",
                            "13% benchmark: DCDW (Paul de Vries, AutosBuzz 2019). Response curve: Automotive NL, after DCDW and Pied Piper PSI 2022; HBR 2011 (Oldroyd, McElheran & Elkington); MIT/InsideSales 2007. Attempts: Velocify. Follow-up: DCDW mystery shop of 180 dealers (66% followed up). Seasonality: indicative dealer pattern. Portal cost per lead: the user's input.";
        PrintedOn => "Afgedrukt op", "Printed on";
    }
}
