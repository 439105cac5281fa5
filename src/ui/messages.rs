//! Field problems in the user's language. English comes from the model's own messages; Dutch is
//! written here per problem, so every rule the model checks reads naturally in both.

use crate::i18n::parse::ParseError;
use crate::i18n::{Lang, Text};
use crate::model::scenario::{FieldError, Problem};
use crate::state::FieldProblem;
use crate::state::fields::InputError;

/// The message shown beside a field.
pub fn field_problem(lang: Lang, problem: FieldProblem<'_>) -> String {
    match problem {
        FieldProblem::Input(e) => input_error(lang, e).to_owned(),
        FieldProblem::Rule(e) => rule(lang, e),
    }
}

fn input_error(lang: Lang, e: InputError) -> &'static str {
    match e {
        InputError::Parse(ParseError::Empty) => Text::ErrEmpty.get(lang),
        InputError::Parse(ParseError::NotANumber) => Text::ErrNotANumber.get(lang),
        InputError::Parse(ParseError::UnknownUnit) => Text::ErrUnknownUnit.get(lang),
        InputError::NotWhole => match lang {
            Lang::Nl => "Vul een heel getal in.",
            Lang::En => "Enter a whole number.",
        },
        // The shift editor words this one itself (`inputs::staffing`).
        InputError::NotATime => "HH:MM",
        InputError::UnknownField => match lang {
            Lang::Nl => "Deze waarde past niet in dit veld.",
            Lang::En => "This value does not fit this field.",
        },
    }
}

fn bound(lang: Lang, x: f64, percent: bool) -> String {
    let v = if percent { x * 100.0 } else { x };
    let mut s = format!("{}", (v * 1e6).round() / 1e6);
    if lang == Lang::Nl {
        s = s.replace('.', ",");
    }
    if percent {
        s.push('%');
    }
    s
}

/// A model rule broken, without the field path (the message stands beside the field).
pub fn rule(lang: Lang, e: &FieldError) -> String {
    if lang == Lang::En {
        let mut s = e.problem.to_string();
        if let Some(first) = s.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        return s + ".";
    }
    match &e.problem {
        Problem::Range {
            min,
            min_inclusive,
            max,
            max_inclusive,
            percent,
        } => {
            let lo = bound(lang, *min, *percent);
            let hi = bound(lang, *max, *percent);
            match (min_inclusive, max_inclusive) {
                (true, true) => format!("Moet tussen {lo} en {hi} liggen."),
                (false, true) => format!("Moet boven {lo} liggen en ten hoogste {hi} zijn."),
                (true, false) => format!("Moet minstens {lo} en onder {hi} zijn."),
                (false, false) => format!("Moet boven {lo} en onder {hi} liggen."),
            }
        }
        Problem::NotFinite | Problem::NumberTooLarge => "Moet een eindig getal zijn.".into(),
        Problem::NotInteger => "Moet een heel getal zijn.".into(),
        Problem::Empty => "Mag niet leeg zijn.".into(),
        Problem::Missing => "Ontbreekt.".into(),
        Problem::TooLong { max } => format!("Mag hoogstens {max} tekens hebben."),
        Problem::Duplicate { first } => {
            format!(
                "Zelfde naam als bron {}; namen moeten uniek zijn.",
                first + 1
            )
        }
        Problem::WrongCount { expected, found } => {
            format!("Moet precies {expected} waarden hebben, niet {found}.")
        }
        Problem::CountOutOfRange { min, max, found } => {
            format!("Moet {min} tot {max} regels hebben, niet {found}.")
        }
        Problem::NotIncreasing => "Minuten moeten groter zijn dan bij het vorige punt.".into(),
        Problem::Increasing => "De factor mag niet hoger zijn dan bij het vorige punt.".into(),
        Problem::ZeroSum => "Minstens één maand moet een gewicht boven 0 hebben.".into(),
        Problem::NoFollowUpButConversion { source } => format!(
            "Als vandaag geen lead wordt opgevolgd, kan {source} geen conversie hebben: verhoog het opvolgpercentage of zet die conversie op 0."
        ),
        Problem::FreeBuyableWithoutCap => "Een bron waarvan de leads niets kosten kan alleen bij te kopen zijn met een maximum: vul het maximum aantal leads per maand in, of kosten per lead boven 0.".into(),
        Problem::NewerVersion { found, known } => format!(
            "Dit scenario heeft versie {found}; deze leadplan kent tot versie {known}. Werk leadplan bij."
        ),
        // Staffing (MODEL.md §7): in Dutch at the shift editor (`inputs::staffing`).
        // Problems of whole documents (syntax, types) are shown in English detail: they come
        // from files and links, not from the form.
        other => format!("Ongeldig: {other}."),
    }
}
