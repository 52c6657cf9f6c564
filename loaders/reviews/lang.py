"""Language knowledge: what the extractor knows about German and English.

Everything here is about the languages and the genre of the film review (stop
words, role words, quote marks, section headings, fact-box labels, words that
describe a character rather than name one). Nothing here names a particular
film or person: that knowledge comes only from the graph (the gazetteer).
"""

from __future__ import annotations

import re

from loaders.reviews.keywords import KeywordPattern

LANGUAGES = ("de", "en")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS: dict[str, frozenset[str]] = {
    "de": _words(
        """der die das den dem des ein eine einen einem einer eines und oder aber
        ist sind war waren wird werden hat haben hatte nicht auch noch nur sich
        sie er es ich wir ihr man mit von zu zum zur im in auf aus bei nach für
        über unter vor als wie wenn dass so doch dann denn schon sehr mehr kann
        diese dieser dieses jener jene seine seiner seinem seinen ihre ihrem
        ihren ihrer sein kein keine keinen am um bis durch gegen ohne wo was wer
        hier da dort immer wieder"""
    ),
    "en": _words(
        """the a an and or but is are was were be been being has have had not
        also only this that these those it its he she they we you i his her
        their our my your of to in on at by for with from as if then than so
        very more can could would should will do does did there here what who
        which when where how all any some no into out up about just"""
    ),
}
ALL_STOPWORDS = STOPWORDS["de"] | STOPWORDS["en"]

# Small words inside titles that stay lower case ("Train to Busan").
TITLE_FUNCTION_WORDS = ALL_STOPWORDS | _words("vs of the a an and to in on at for with")
# Lower-case words that may stand inside a title run ("I Saw the Devil").
TITLE_INNER = _words("of the to a an and in on at for with from der die das des und von im am zu")

# Particles inside personal names ("Ludwig van Beethoven", "Guillermo del Toro").
NAME_PARTICLES = _words("van von de der den da di du la le del della dos das bin ibn al el ten ter")

# Quote pairs of both languages: opening -> closing.
QUOTES: dict[str, str] = {
    '"': '"',
    "\u201e": "\u201c",  # „ … “ (German)
    "\u201c": "\u201d",  # “ … ” (English)
    "\u201d": "\u201d",  # ” … ” (Swedish style, seen in the wild)
    "\u00bb": "\u00ab",  # » … « (German guillemets)
    "\u00ab": "\u00bb",  # « … » (French style)
    "\u201a": "\u2018",  # German single low-high quotes
    "\u2018": "\u2019",  # English single curly quotes
    "'": "'",
}
APOSTROPHES = "'\u2019"

Role = str  # "actor" | "director" | "writer" | "producer" | "composer" | "other"

# Role words that stand before a name in prose ("Regisseur Lee …", "director X").
ROLE_WORDS: dict[str, Role] = {
    **dict.fromkeys(
        _words("regisseur regisseurin filmemacher filmemacherin director filmmaker helmer auteur"),
        "director",
    ),
    **dict.fromkeys(
        _words(
            """darsteller darstellerin hauptdarsteller hauptdarstellerin schauspieler
            schauspielerin actor actress star co-star costar newcomer
            nebendarsteller nebendarstellerin"""
        ),
        "actor",
    ),
    **dict.fromkeys(
        _words("drehbuchautor drehbuchautorin autor autorin writer screenwriter novelist"),
        "writer",
    ),
    **dict.fromkeys(_words("produzent produzentin producer"), "producer"),
    **dict.fromkeys(_words("komponist komponistin composer"), "composer"),
    **dict.fromkeys(
        _words(
            """kameramann kamerafrau cinematographer cinematographer/collaborator
            collaborator/cinematographer editor cutter critic kritiker"""
        ),
        "other",
    ),
}

# Phrases followed by names: "directed by X", "Regie führte X", "starring X, Y and Z".
ROLE_PHRASES: tuple[tuple[KeywordPattern, Role], ...] = tuple(
    (KeywordPattern(alternatives, r"\s+"), role)
    for alternatives, role in (
        (
            [
                r"directed\s+by",
                r"regie\s+führte",
                r"inszeniert\s+von",
                r"unter\s+der\s+regie\s+von",
            ],
            "director",
        ),
        (
            ["starring", "featuring", r"mit\s+den\s+darstellern", r"in\s+der\s+hauptrolle:?"],
            "actor",
        ),
        (
            [r"written\s+by", r"screenplay\s+by", r"nach\s+dem\s+roman\s+von", r"drehbuch\s+von"],
            "writer",
        ),
        ([r"produced\s+by", r"produziert\s+von"], "producer"),
        ([r"music\s+by", r"score\s+by", r"musik\s+von"], "composer"),
    )
)
# A role word in prose, where a name may follow; longest first, so the alternation
# settles on the whole word ("regisseurin", not "regisseur").
ROLE_WORD = KeywordPattern(
    [re.escape(w) for w in sorted(ROLE_WORDS, key=len, reverse=True)], r"(?=[ \t])"
)

# Nouns for "the directing" after a genitive name: "Gordon Chans … Inszenierung".
DIRECTING_NOUNS = _words("inszenierung regie regiearbeit direction directing")

# Fact-box / credit-line labels ("Regie: X", "Cast:", "R:", "D:").
FACT_LABELS: dict[str, str] = {
    **dict.fromkeys(
        ["regie", "r", "director", "directors", "directed by", "regisseur", "dir"], "director"
    ),
    **dict.fromkeys(
        ["darsteller", "d", "cast", "starring", "besetzung", "schauspieler", "mit", "stars"],
        "actor",
    ),
    **dict.fromkeys(
        ["drehbuch", "b", "buch", "writer", "writers", "screenplay", "written by", "autor"],
        "writer",
    ),
    **dict.fromkeys(["produzent", "producer", "producers", "p"], "producer"),
    **dict.fromkeys(["musik", "music", "composer", "m", "score"], "composer"),
    **dict.fromkeys(
        ["kamera", "k", "cinematography", "cinematographer", "schnitt", "editor"], "other"
    ),
    **dict.fromkeys(["o", "ot", "original title", "originaltitel", "original"], "original_title"),
    **dict.fromkeys(["year", "jahr", "produktionsjahr", "release", "erscheinungsjahr"], "year"),
    **dict.fromkeys(["title", "titel", "film"], "title"),
}
# A sign-off that names the review's author ("by Kozo:", "Geschrieben von: X").
AUTHOR_LINE = re.compile(
    r"^\s*(?:by|von|geschrieben\s+von:?|review\s+by|reviewed\s+by|autor:)\s+"
    r"(?P<name>[^\W\d_][\w .'\u2019-]{1,40}?)\s*:?\s*$",
    re.IGNORECASE | re.MULTILINE,
)

# Section headings ("Story:", "Meine Meinung:") are not names.
HEADINGS = _words(
    """story review kritik fazit inhalt handlung plot synopsis verdict meinung
    meine the skinny genre laufzeit fassungen notable scenes acting entertainment
    overall tipp nachteil vorteil bewertung wertung rating info"""
)

# Words that describe a character rather than name one ("seine Tochter Yumi", "der Cop X").
# German nouns (capitalised in prose) and titles used in both languages; English
# kinship words are lower case in prose and never reach a name run.
DESCRIPTORS = _words(
    """bruder schwester vater mutter tochter sohn onkel tante oma opa cousin cousine
    freund freundin ehefrau ehemann frau mann verlobte verlobter partner partnerin
    kollege kollegin chef chefin boss killer killerin agent agentin polizist
    polizistin cop detective detektiv kommissar kommissarin inspektor ermittler
    programmierer anwalt anwältin arzt ärztin lehrer lehrerin held heldin
    bösewicht gangster mörder mörderin schurke sergeant officer captain kapitän"""
)
ARTICLES_INDEFINITE = _words("ein eine einen einem einer a an")
ARTICLES = ARTICLES_INDEFINITE | _words("der die das den dem des the")

# Words right before an unquoted one-word title that mark it as a title ("I saw Stoker").
TITLE_CUES = _words(
    """saw see seen watched watching watch rewatched film movie remake sequel
    prequel sah gesehen filmen streifen"""
)
# (Caseless as a whole, look-ahead included: the title after it is checked in code.)
TITLE_CUE = KeywordPattern(sorted(TITLE_CUES), r"[ \t]+(?=[A-Z\u00c0-\u00de0-9])")
# "2016's Train to Busan": a year with a possessive right before a title.
YEAR_POSSESSIVE = KeywordPattern([r"1[89]\d\d", r"20\d\d"], "['\u2019]s[ \t]+", caseless=False)
# Cross-references to another film: "(see Running Out of Time)", "Siehe …".
XREF_CUE = KeywordPattern(["see", "siehe", r"vgl\.", r"cf\."], r"[ \t]+(?=[A-Z\u00c0-\u00de0-9])")
# A sequel number after a known title: "Police Story 3", "Rocky II".
SEQUEL = re.compile(r"[ \t]+(?:[2-9]|1[0-9]|II|III|IV|V|VI)\b")
# "Review zu „…“", "Kritik: …", "Review of …": a heading that names the reviewed film.
REVIEW_HEADING = re.compile(
    r"^[ \t]*(?:review|kritik|filmkritik|rezension|besprechung)"
    r"(?:[ \t]*:|[ \t]+(?:zu|of|von))[ \t]*",
    re.IGNORECASE | re.MULTILINE,
)
# Tilde, bar or dash between a title and its original title ("A ~ B", "A - B").
TITLE_SEPARATORS = re.compile(r"\s+[~|\u2013\u2014]\s+|\s+-\s+")

_WORD = re.compile(r"[^\W\d_]+")


def detect(text: str) -> str:
    """``de`` or ``en`` by stop-word counts in the first 5,000 characters (ties: ``en``)."""
    words = _WORD.findall(text[:5000].lower())
    # Set membership mapped in C: the same counts as a loop over words and languages.
    german = sum(map(STOPWORDS["de"].__contains__, words))
    english = sum(map(STOPWORDS["en"].__contains__, words))
    return "de" if german > english else "en"
