"""The patterns and word lists bot.redact uses, per kind of personal data and per language.

Kept apart from the matching logic so a reviewer can read (and a translator extend) what is
looked for without reading how overlaps are resolved. Every quantifier is bounded: each pattern
is linear on the longest message a channel accepts (issue #15).
"""
from __future__ import annotations

import re

# ---------------------------------------------------------------------------
# E-mail
# Every quantifier is bounded (local part <= 64, labels <= 63, <= 8 labels, little whitespace):
# with "+" a long run of word characters made this pattern quadratic (issue #15: a 30,000-
# character message blocked the server for 30 s).
EMAIL = re.compile(
    r"[\w.+'-]{1,64}\s{0,3}(?:@|[(\[](?:at|arroba)[)\]]|\s{1,3}arroba\s{1,3})\s{0,3}[\w-]{1,63}"
    r"(?:\s{0,3}(?:\.|[(\[](?:dot|punto)[)\]]|\s{1,3}punto\s{1,3})\s{0,3}[\w-]{1,63}){1,8}",
    re.IGNORECASE,
)

# ---------------------------------------------------------------------------
# Dates (any full date is treated as a date of birth; partial dates only with birth context)
MONTHS_EN = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
MONTHS_ES = (
    r"enero|ene|febrero|feb|marzo|mar|abril|abr|mayo|may|junio|jun|julio|jul|agosto|ago|"
    r"septiembre|setiembre|sept?|octubre|oct|noviembre|nov|diciembre|dic"
)
MONTH = rf"(?:{MONTHS_EN}|{MONTHS_ES})\.?"
DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th|ro|ero|er|º|°)?"
YEAR = r"(?:19|20)\d{2}"
DATE_FULL = re.compile(
    r"(?<![\w/.-])(?:"
    r"\d{1,2}\s?[/.\-]\s?\d{1,2}\s?[/.\-]\s?(?:\d{4}|\d{2})"  # 03/14/2009, 14-03-2009, 3.14.09
    r"|(?:19|20)\d{2}[/.\-]\d{1,2}[/.\-]\d{1,2}"  # 2009-03-14
    rf"|{MONTH}\s{{1,5}}{DAY},?\s{{0,5}}(?:(?:de|del)\s{{1,5}})?{YEAR}"  # March 14, 2009 / marzo 14 2009
    rf"|{DAY}\s{{1,5}}(?:(?:de|of)\s{{1,5}})?{MONTH},?\s{{0,5}}(?:(?:de|del|of)\s{{1,5}})?{YEAR}"  # 14 de marzo de 2009
    rf"|{DAY}\s?[/.\-]\s?{MONTH}\s?[/.\-]\s?(?:{YEAR}|\d{{2}})"  # 14-mar-2009
    r")(?![\w/])",
    re.IGNORECASE,
)
BIRTH_CONTEXT = (
    r"(?:born|birthday|bday|b-day|date\s{1,5}of\s{1,5}birth|dob|d\.o\.b\.?|birth\s{0,5}date|"
    r"nac[ií]|naci[oó]|nacimiento|cumple(?:años|anos)?|cumplo|fecha\s{1,5}de\s{1,5}nac\w{0,40}|f\.?\s?nac\.?)"
)
DATE_PARTIAL_WITH_CONTEXT = re.compile(
    rf"{BIRTH_CONTEXT}[^.!?\n]{{0,25}}?"
    rf"(?:\b(?:en|in|el\s{{1,5}}año|del|de|on|el)\s{{1,5}})?"
    # a month's or a number's first character: skips the month alternation at most positions
    rf"(?=[\dadefjmnos])(?P<v>{MONTH}\s{{1,5}}(?:(?:de|del|of)\s{{1,5}})?{YEAR}|{MONTH}\s{{1,5}}{DAY}|{DAY}\s{{1,5}}(?:(?:de|of)\s{{1,5}})?{MONTH}|\d{{1,2}}\s?/\s?\d{{1,2}}|{YEAR})(?![\w/])",
    re.IGNORECASE,
)

# ---------------------------------------------------------------------------
# A-numbers (USCIS alien registration numbers): 8-9 digits, usually written with an "A".
A_PREFIXED = re.compile(
    r"(?<![\w])(?:A|a)\s?(?:-|#|\.|:|\s)?\s?\d(?:[-\s.]?\d){6,8}(?![\w-])",
)
A_CONTEXT = re.compile(
    r"(?:\ba[\s-]?(?:number|num|no|#)|\bn[uú]mero\s{1,5}(?:a|de\s{1,5}a|de\s{1,5}extranjero|de\s{1,5}registro|de\s{1,5}caso|alien)"
    r"|\balien|\bregistration|\bregistro|\buscis|\bcase\s{0,5}(?:number|no|#)|\bn[uú]m(?:ero)?\.?\s{1,5}de\s{1,5}caso"
    r"|\bexpediente|\bice\b|\beoir|\bimmigration\s{1,5}(?:number|no|#)|\bmigraci[oó]n)",
    re.IGNORECASE,
)
PHONE_CONTEXT = re.compile(
    r"(?:phone|cell|cel\b|celular|m[oó]vil|tel\b|tel[eé]fono|tlf|\bnum\b|\bnumber\b|text\s{1,5}me|txt|call|llam|"
    r"whats(?:app)?|wsp|wasap|guasap|\bcontact|contacto|marca|\bph\b|\#\s{0,5}de\s{1,5}cel)",
    re.IGNORECASE,
)

# Numbers right after these words are legal citations or references, not people.
REFERENCE_BEFORE = re.compile(
    r"(?:section|sec\.?|§|cfr|u\.?s\.?c\.?|secci[oó]n|part|parte|rule|regla|article|art[ií]culo|art\.|"
    r"page|p[aá]gina|pg\.?|ley|law|code|c[oó]digo|form|formulario|i-\d{1,20})\s{0,5}#?\s{0,5}$",
    re.IGNORECASE,
)

# ---------------------------------------------------------------------------
# Generic digit runs (phones written in ways phonenumbers does not match, bare A-numbers).
# One way to read each separator ("-" only through "\s?-\s?"): the old "[ .\-]|\s?-\s?" could
# split every dash two ways, exponential on a long "1-1-1-...-1x".
DIGIT_RUN = re.compile(r"(?<![\w/])(?:\+\s?)?(?:\(\d{1,4}\)\s?)?\d{1,20}(?:(?:[ .]|\s?-\s?)\(?\d{1,20}\)?){0,30}(?![\w/])")

# Where phonenumbers is asked to look: runs of digits and phone punctuation (see _phone_spans).
PHONE_RUN = re.compile(r"[+(\d][\d \t().+\-/]{0,4000}")
PHONE_MARGIN, PHONE_WINDOW, PHONE_OVERLAP = 6, 48, 24
MAX_PHONE_WINDOWS = 8  # real messages need 1 per number; each costs up to ~2 ms (8 regions)

# ---------------------------------------------------------------------------
# Street addresses
STREET_TYPES_EN = (
    r"st|street|str|ave|av|avenue|rd|road|blvd|boulevard|dr|drive|ln|lane|ct|court|way|pl|place|"
    r"pkwy|parkway|hwy|highway|ter|terrace|cir|circle|trl|trail|sq|square|loop|row|pike|alley|aly"
)
UNIT = r"(?:,?\s{0,5}(?:apt|apartment|unit|ste|suite|#|depto|dpto|departamento|int|interior|casa)\.?\s{0,5}#?\s{0,5}[\w-]{1,6})?"
CITY_STATE_ZIP = r"(?:,?\s{0,5}[A-Za-zÁÉÍÓÚáéíóúñÑ .]{2,30},\s{0,5}[A-Z]{2}\.?(?:\s{1,5}\d{5}(?:-\d{4})?)?)?"
ADDR_EN = re.compile(
    rf"(?<![\w/-])\d{{1,6}}[A-Za-z]?\s{{1,5}}(?:[NSEW]\.?\s{{1,5}})?(?:(?:[A-Za-zÁÉÍÓÚáéíóúñÑ'.-]{{1,40}}|\d{{1,3}}(?:st|nd|rd|th))\s{{1,5}}){{1,3}}"
    rf"(?:{STREET_TYPES_EN})\b\.?{UNIT}{CITY_STATE_ZIP}",
    re.IGNORECASE,
)
STREET_TYPES_ES = (
    r"calle|c/|cll\.?|avenida|av\.?|avda\.?|ave\.?|bulevar|boulevard|blvd\.?|calzada|calz\.?|callej[oó]n|"
    r"carretera|carr\.?|pasaje|psje\.?|privada|priv\.?|diagonal|diag\.?|circuito|cerrada|andador|camino|"
    r"colonia|col\.?|barrio|bo\.?|residencial|res\.?|lotificaci[oó]n|manzana|mz\.?|lote|sector"
)
ADDR_ES = re.compile(
    rf"(?<![\w])(?:(?:\d{{1,2}}(?:a|ª|era|ra|da|ta|va|o|º)?\.?)\s{{1,5}})?(?:{STREET_TYPES_ES})\s{{1,5}}"
    # street name: up to 5 words (small words like "de/la" included), which may include small
    # numbers ("5 de mayo"); one alternative per word, so there is one way to read a name
    r"(?:[A-Za-zÁÉÍÓÚáéíóúñÑüÜ'.]{1,40}\s{1,5}|\d{1,3}\s{1,5}(?=(?:de\b|#|no\b|no\.|n[uú]m|n°|nº))){0,5}"
    r"(?:[A-Za-zÁÉÍÓÚáéíóúñÑüÜ'.]{1,40}\s{0,5},?\s{0,5})?"
    r"(?:(?:#|no\.?|n[uú]m\.?|n[uú]mero|n°|nº|casa|bloque|lote|mz\.?|manzana)\s{0,5})?\d{1,5}(?:[-/]\d{1,4}|\s?[A-Za-z]\b)?"
    r"(?:,?\s{0,5}(?:zona|z\.)\s{0,5}\d{1,2})?"
    rf"{UNIT}"
    r"(?:,?\s{0,5}(?:col\.?|colonia|barrio|zona)\s{1,5}[A-Za-zÁÉÍÓÚáéíóúñÑ]{1,40}(?:\s{1,5}[A-Za-zÁÉÍÓÚáéíóúñÑ]{1,40})?)?",
    re.IGNORECASE,
)
# "1234 calle falsa" (number first, Spanish street type)
ADDR_NUM_FIRST_ES = re.compile(
    r"(?<![\w/-])\d{1,5}\s{1,5}(?:calle|avenida|av\.?|avda\.?|calzada|boulevard|bulevar|camino|carretera|pasaje|privada)"
    r"\s{1,5}[A-Za-zÁÉÍÓÚáéíóúñÑüÜ'.]{1,40}(?:\s{1,5}(?:de|del|la|los|las)\s{1,5}[A-Za-zÁÉÍÓÚáéíóúñÑüÜ'.]{1,40})?",
    re.IGNORECASE,
)
# "Elm St number 40", "Pine Street #40" (English street named first, number after)
ADDR_NUM_AFTER_EN = re.compile(
    rf"(?<![\w])(?:[A-Z][A-Za-z'.-]{{1,40}}\s{{1,5}}){{1,3}}(?i:{STREET_TYPES_EN})\.?,?\s{{1,5}}(?i:number|no\.?|#)\s{{0,5}}\d{{1,6}}[A-Za-z]?\b",
)
# Guatemala/Honduras style "4a avenida 3-21 zona 1" is covered by ADDR_ES (ordinal + type + number).

# ---------------------------------------------------------------------------
# Names given by the user ("my name is", "me llamo", "soy", ...)
NAME_INTRO = re.compile(
    r"(?:\bmy\s{1,5}names?\s{1,5}is|\bmy\s{1,5}names\b|\bname'?s|\bname\s{1,5}is|\bi'?m\s{1,5}called|\bi\s{1,5}am\s{1,5}called|\bcall\s{1,5}me|"
    r"\bthey\s{1,5}call\s{1,5}me|\bis\s{1,5}called|\bnamed|\bthis\s{1,5}is|\bit'?s\s{1,5}me,?|\bi'?m|\bi\s{1,5}am"
    r"|\bme\s{1,5}llamo|\bmi\s{1,5}nombre\s{1,5}es|\bnombre\s{1,5}de\s{1,5}(?:mi|su|tu)\s{1,5}\w{1,40}\s{1,5}es|\bnombre\s{1,5}es|\bse\s{1,5}llama|\bme\s{1,5}dicen|\bmi\s{1,5}nombre:|\bmy\s{1,5}name:|\bnombre:|\bname:"
    r"|\bsoy)\s{1,5}",
    re.IGNORECASE,
)
NAME_WORD = re.compile(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ][A-Za-zÁÉÍÓÚÜÑáéíóúüñ'’-]*")
# Words that end a name or show the intro was not a name at all.
NAME_STOP = frozenset(
    """
    a an the and or but so i im i'm me my mine you your he she his her they their we our it its is am are was
    not no yes ok okay pls please plz thanks thank hi hello hey lol from in at on to of for with by about
    age years year old yo yrs and and also too very really just still only here there now today tomorrow
    scared afraid worried sad happy fine good bad sorry new 15 16 17 a-number number phone lawyer
    y o u e pero que qué de del la las los el lo un una unos unas mi mis tu tus su sus al en con por para sin
    tengo tiene años año edad hola gracias ok vale porfa por favor también tambien muy aqui aquí ahora hoy
    menor mayor nuevo nueva nuevos nuevas niño niña niños chico chica chamaco chamaca patojo patoja cipote cipota
    mamá mama papá papa tío tio tía tia hermano hermana primo prima abuelo abuela hijo hija
    hondureño hondureña guatemalteco guatemalteca salvadoreño salvadoreña mexicano mexicana nicaragüense
    nicaraguense costarricense panameño panameña americano americana latino latina
    inmigrante migrante indocumentado indocumentada estudiante trabajador trabajadora
    yo el ella ellos ellas nosotros usted ustedes quien quién como cómo cuando cuándo donde dónde
    sponsor patrocinador patrocinadora trabajadora social caseworker abogado abogada
    bien mal feliz triste solo sola nervioso nerviosa asustado asustada
    eso esto esta este ese esa aca acá alla allá tambien so like um uh ummm
    honduran guatemalan salvadoran mexican nicaraguan american latino latina hispanic undocumented
    ice orr uscis cbp dhs hhs eoir kyr bot chat sms ok menu
    """.split()
)
NAME_STOP_SUFFIXES = ("ado", "ada", "ido", "ida", "oso", "osa", "eño", "eña", "ense", "ing", "ed")
TITLES = frozenset("lic licda dr dra sr sra srta mr mrs ms miss don doña ing prof profe".split())
NAME_GAP = re.compile(r"[ \t]{1,5}")
ARTICLE_AFTER = re.compile(r"(?:el|la)\s+", re.IGNORECASE)  # "me dicen el Chino"
