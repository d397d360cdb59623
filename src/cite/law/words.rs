//! The words law names are made of: heads, generic compounds, adjectives, the
//! vocabulary of defence and personnel regulations' titles, connectors. Tables only;
//! `law.rs` reads names with them.

pub(super) const HEAD_WORDS: &[&str] = &["Wet", "Besluit", "Regeling", "Reglement", "Rijkswet"];
pub(super) const HEAD_SUFFIXES: &[&str] = &["wet", "besluit", "regeling", "reglement"];

/// Compounds that name a kind of regulation rather than one regulation.
pub(super) const GENERIC_COMPOUNDS: &[&str] = &[
    "overgangsregeling",
    "uitvoeringsregeling",
    "uitvoeringsbesluit",
    "wijzigingsregeling",
    "wijzigingsbesluit",
    "subsidieregeling",
    "kabinetsbesluit",
    "raadsbesluit",
    "ministerraadsbesluit",
    "investeringsbesluit",
    "bestuursbesluit",
    "regeringsbesluit",
    "instellingsbesluit",
    "mandaatbesluit",
    "mandaatregeling",
    "beleidsregeling",
    "vertrekregeling",
    "regeling",
    "besluit",
    "reglement",
    "wet",
];

/// Capitalised words that start the next citation rather than continue a name
/// (`Wijziging Inkomstenregeling Militairen Staatscourant nr. 17540`).
pub(super) const NOT_NAME_WORDS: &[&str] = &["Staatscourant", "Stcrt", "Staatsblad", "Stb", "Kamerstuk", "Kamerstukken", "Handelingen", "Aanhangsel"];

/// Capitalised adjectives that open a regulation's name.
pub(super) const ADJECTIVES: &[&str] = &[
    "Algemeen",
    "Algemene",
    "Militair",
    "Militaire",
    "Burgerlijk",
    "Burgerlijke",
    "Bijzonder",
    "Bijzondere",
    "Tijdelijk",
    "Tijdelijke",
    "Aanvullend",
    "Aanvullende",
];

/// Lowercase words that occur in the names of Dutch defence and personnel regulations.
pub(super) const VOCABULARY: &[&str] = &[
    "aanbesteding",
    "aanvullende",
    "algemeen",
    "algemene",
    "ambtenaar",
    "ambtenaren",
    "arbeid",
    "arbeidsduur",
    "arbeidsongeschikten",
    "arbeidsongeschiktheids-",
    "arbeidsongeschiktheidsverzekering",
    "arbeidsongeschiktheidsvoorziening",
    "arbeidsvoorwaarden",
    "behandeling",
    "beroepsmilitairen",
    "bescherming",
    "bestuursrecht",
    "bewakers",
    "bijzondere",
    "blijvende",
    "bovenwettelijke",
    "burgerlijk",
    "burgerlijke",
    "burgerpersoneel",
    "defensie",
    "defensie-",
    "defensiegereedheid",
    "defensiepersoneel",
    "dienst",
    "dienstongeschiktheid",
    "dienstplicht",
    "dienstplichtigen",
    "diensttijd",
    "flexibel",
    "gedeeltelijk",
    "gelijke",
    "geneeskundig",
    "georganiseerd",
    "gevaarlijke",
    "geweldgebruik",
    "gewetensbezwaren",
    "gewezen",
    "goederen",
    "immunisatie",
    "inkomsten",
    "inlichtingen-",
    "invaliditeitspensioen",
    "invaliditeitsvoorzieningen",
    "keuringsreglement",
    "klachtrecht",
    "krijgsmacht",
    "krijgsmachtpersoneel",
    "luchthavens",
    "luchtvaart",
    "luchtvaartuigen",
    "materieel",
    "medezeggenschap",
    "militair",
    "militaire",
    "militairen",
    "munitie",
    "nabestaanden",
    "nabestaandenpensioen",
    "normalisering",
    "objecten",
    "onbemande",
    "ontplofbare",
    "opkomstplicht",
    "overheidspersoneel",
    "overleg",
    "pensioen",
    "pensioenen",
    "personeel",
    "persoonsgegevens",
    "rechtspositie",
    "rechtspositionele",
    "rechtstoestand",
    "reservepersoneel",
    "reserve-personeel",
    "reservisten",
    "sector",
    "stoffen",
    "straf-",
    "strafrecht",
    "strategische",
    "tegemoetkoming",
    "tucht-",
    "tuchtrecht",
    "uitkering",
    "uitkeringen",
    "uitzending",
    "veiligheidsdiensten",
    "veiligheidsgebied",
    "veiligheidsonderzoeken",
    "verplaatsingskosten",
    "veteranen",
    "vervoer",
    "wapens",
    "werkloosheid",
    "werken",
    "ziektekostenvoorziening",
    "zorg",
];

pub(super) const CONNECTORS: &[&str] = &["op", "voor", "de", "het", "inzake", "der", "en", "wegens"];

/// Words that end a name even after an adjective (`de militaire en de …`).
pub(super) const FUNCTION_WORDS: &[&str] = &[
    "de", "het", "een", "en", "of", "in", "op", "van", "voor", "met", "te", "tot", "is", "zijn", "wordt", "worden", "was", "werd", "die", "dat", "bij", "aan",
    "om", "door", "naar", "als", "ook", "niet", "nog", "heeft", "hebben", "kan", "zal", "moet", "over", "uit",
];

/// Laws known by an acronym: the acronym as the texts write it (the first spelling is
/// the one shown), the law's name, and where the texts define the acronym. A citation
/// by acronym gets the key of the name.
pub(crate) const ACRONYMS: &[(&[&str], &str, &str)] = &[
    (&["Awb", "AWB"], "Algemene wet bestuursrecht", "\"Algemene wet bestuursrecht (Awb)\", 51 times in the 2015 regulations"),
    (&["AMAR", "Amar"], "Algemeen militair ambtenarenreglement", "\"Algemeen militair ambtenarenreglement (AMAR)\", defence regulations"),
    (&["BARD"], "Burgerlijk ambtenarenreglement defensie", "\"Burgerlijk ambtenarenreglement defensie (BARD)\", defence regulations"),
    (&["AMPW"], "Algemene militaire pensioenwet", "\"Algemene militaire pensioenwet (AMPW)\", defence regulations"),
    (&["Wmt"], "Wet militair tuchtrecht", "the Wet militair tuchtrecht's own abbreviation, in the defence regulations"),
    (&["AWR"], "Algemene wet inzake rijksbelastingen", "\"Algemene wet inzake rijksbelastingen (AWR)\", 2015 regulations"),
];

/// Names (folded) that stand for the same law as another name: the law's key is the
/// second's. The Militaire Ambtenarenwet 1931 is cited with and without its year.
pub(crate) const ALIASES: &[(&str, &str)] = &[("militaire ambtenarenwet", "militaire ambtenarenwet 1931")];
