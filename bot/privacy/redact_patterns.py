"""The patterns and word lists bot.privacy.redact uses, per kind of personal data and per language.

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
# Portuguese, French and Haitian Creole (issue #12): only the unambiguous forms; short words that are
# also everyday words ("me", "mas", "out") count only inside a full date with day and year.
MONTHS_PT = r"janeiro|fevereiro|mar[cç]o|maio|junho|julho|setembro|outubro|novembro|dezembro|fev|set|out|dez"
MONTHS_FR = r"janvier|f[eé]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[eé]cembre|janv|f[eé]vr|juil|d[eé]c"
MONTHS_HT = r"janvye|fevriye|mas|avril|me|jen|jiy[eè]|out|septanm|okt[oò]b|novanm|desanm"
MONTH = rf"(?:{MONTHS_EN}|{MONTHS_ES}|{MONTHS_PT}|{MONTHS_FR}|{MONTHS_HT})\.?"
DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th|ro|ero|er|º|°)?"
# "de", "of", "du" between day, month and year ("14 de março de 2009", "14 mars 2009")
OF = r"(?:de|del|of|du)"
YEAR = r"(?:19|20)\d{2}"
DATE_FULL = re.compile(
    r"(?<![\w/.-])(?:"
    r"\d{1,2}\s?[/.\-]\s?\d{1,2}\s?[/.\-]\s?(?:\d{4}|\d{2})"  # 03/14/2009, 14-03-2009, 3.14.09
    r"|(?:19|20)\d{2}[/.\-]\d{1,2}[/.\-]\d{1,2}"  # 2009-03-14
    rf"|{MONTH}\s{{1,5}}{DAY},?\s{{0,5}}(?:{OF}\s{{1,5}})?{YEAR}"  # March 14, 2009 / marzo 14 2009
    rf"|{DAY}\s{{1,5}}(?:{OF}\s{{1,5}})?{MONTH},?\s{{0,5}}(?:{OF}\s{{1,5}})?{YEAR}"  # 14 de marzo de 2009, 14 mars 2009
    rf"|{DAY}\s?[/.\-]\s?{MONTH}\s?[/.\-]\s?(?:{YEAR}|\d{{2}})"  # 14-mar-2009
    r")(?![\w/])",
    re.IGNORECASE,
)
BIRTH_CONTEXT = (
    r"(?:born|birthday|bday|b-day|date\s{1,5}of\s{1,5}birth|dob|d\.o\.b\.?|birth\s{0,5}date|"
    r"nac[ií]|naci[oó]|nacimiento|cumple(?:años|anos)?|cumplo|fecha\s{1,5}de\s{1,5}nac\w{0,40}|f\.?\s?nac\.?|"
    # pt, fr, ht
    r"nasci|nascimento|anivers[aá]rio|n[eé]e?\s{1,5}le|naissance|anniversaire|f[eè]t\s{1,5}(?:nan|le|jou)|dat\s{1,5}nesans)"
)
DATE_PARTIAL_WITH_CONTEXT = re.compile(
    rf"{BIRTH_CONTEXT}[^.!?\n]{{0,25}}?"
    rf"(?:\b(?:en|in|el\s{{1,5}}año|del|de|on|el|em|no|dia|le|en|nan)\s{{1,5}})?"
    # a month's or a number's first character: skips the month alternation at most positions
    rf"(?=[\dadefjmnos])(?P<v>{MONTH}\s{{1,5}}(?:{OF}\s{{1,5}})?{YEAR}|{MONTH}\s{{1,5}}{DAY}|{DAY}\s{{1,5}}(?:{OF}\s{{1,5}})?{MONTH}|\d{{1,2}}\s?/\s?\d{{1,2}}|{YEAR})(?![\w/])",
    re.IGNORECASE,
)

# ---------------------------------------------------------------------------
# A-numbers (USCIS alien registration numbers): 8-9 digits, usually written with an "A".
A_PREFIXED = re.compile(r"(?<![\w])(?:A|a)\s?(?:-|#|\.|:|\s)?\s?\d(?:[-\s.]?\d){6,8}(?![\w-])")
A_CONTEXT = re.compile(
    r"(?:\ba[\s-]?(?:number|num|no|#)|\bn[uú]mero\s{1,5}(?:a|de\s{1,5}a|de\s{1,5}extranjero|de\s{1,5}registro|de\s{1,5}caso|alien)"
    r"|\balien|\bregistration|\bregistro|\buscis|\bcase\s{0,5}(?:number|no|#)|\bn[uú]m(?:ero)?\.?\s{1,5}de\s{1,5}caso"
    r"|\bexpediente|\bice\b|\beoir|\bimmigration\s{1,5}(?:number|no|#)|\bmigraci[oó]n"
    r"|\bn[uú]m(?:ero)?\s{1,5}(?:de\s{1,5})?(?:estrangeiro|processo)|\bnum[eé]ro\s{1,5}(?:a|d'?\s?[eé]tranger|de\s{1,5}dossier)"
    r"|\bdossier|\bimigra[cç][aã]o|\bimmigration|\bimigrasyon|\bnimewo\s{1,5}(?:a|dosye)|\bdosye)",
    re.IGNORECASE,
)
PHONE_CONTEXT = re.compile(
    r"(?:phone|cell|cel\b|celular|m[oó]vil|tel\b|tel[eé]fono|tlf|\bnum\b|\bnumber\b|text\s{1,5}me|txt|call|llam|"
    r"whats(?:app)?|wsp|wasap|guasap|\bcontact|contacto|marca|\bph\b|\#\s{0,5}de\s{1,5}cel|"
    # pt, fr, ht
    r"telefone|celular|zap|liga|num[eé]ro|portable|t[eé]l[eé]phone|appel|nimewo|telef[oò]n|rele)",
    re.IGNORECASE,
)

# Numbers right after these words are legal citations or references, not people.
REFERENCE_BEFORE = re.compile(
    r"(?:section|sec\.?|§|cfr|u\.?s\.?c\.?|secci[oó]n|part|parte|rule|regla|article|art[ií]culo|art\.|"
    r"page|p[aá]gina|pg\.?|ley|law|code|c[oó]digo|form|formulario|i-\d{1,20}|se[cç][aã]o|lei|loi|article|atik|lwa|seksyon)\s{0,5}#?\s{0,5}$",
    re.IGNORECASE,
)

# ---------------------------------------------------------------------------
# Generic digit runs (phones written in ways phonenumbers does not match, bare A-numbers).
# One way to read each separator ("-" only through "\s?-\s?"): the old "[ .\-]|\s?-\s?" could
# split every dash two ways, exponential on a long "1-1-1-...-1x".
DIGIT_RUN = re.compile(
    r"(?<![\w/])(?:\+\s?)?(?:\(\d{1,4}\)\s?)?\d{1,20}(?:(?:[ .]|\s?-\s?)\(?\d{1,20}\)?){0,30}(?![\w/])"
)

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
UNIT = r"(?:,?\s{0,5}(?:apartment|appartement|apatman|apto|appt|apt|ap|unit|suite|ste|#|departamento|depto|dpto|interior|int|casa|bloco|bl)\.?\s{0,5}#?\s{0,5}[\w-]{1,6})?"
CITY_STATE_ZIP = r"(?:,?\s{0,5}[A-Za-zÀ-ÖØ-öø-ÿ .]{2,30},\s{0,5}[A-Z]{2}\.?(?:\s{1,5}\d{5}(?:-\d{4})?)?)?"
ADDR_EN = re.compile(
    rf"(?<![\w/-])\d{{1,6}}[A-Za-z]?\s{{1,5}}(?:[NSEW]\.?\s{{1,5}})?(?:(?:[A-Za-zÀ-ÖØ-öø-ÿ'.-]{{1,40}}|\d{{1,3}}(?:st|nd|rd|th))\s{{1,5}}){{1,3}}"
    rf"(?:{STREET_TYPES_EN})\b\.?{UNIT}{CITY_STATE_ZIP}",
    re.IGNORECASE,
)
STREET_TYPES_ES = (
    r"calle|c/|cll\.?|avenida|av\.?|avda\.?|ave\.?|bulevar|boulevard|blvd\.?|calzada|calz\.?|callej[oó]n|"
    r"carretera|carr\.?|pasaje|psje\.?|privada|priv\.?|diagonal|diag\.?|circuito|cerrada|andador|camino|"
    r"colonia|col\.?|barrio|bo\.?|residencial|res\.?|lotificaci[oó]n|manzana|mz\.?|lote|sector|"
    # pt, fr, ht: the same "type, name, number" order ("Rua das Flores 123", "ri Kapwa 12")
    r"rua|r\.|travessa|tv\.?|alameda|al\.|pra[cç]a|estrada|rodovia|rue|all[eé]e|impasse|ruelle|ri|avni|wout|chemen"
)
ADDR_ES = re.compile(
    rf"(?<![\w])(?:(?:\d{{1,2}}(?:a|ª|era|ra|da|ta|va|o|º)?\.?)\s{{1,5}})?(?:{STREET_TYPES_ES})\s{{1,5}}"
    # street name: up to 5 words (small words like "de/la" included), which may include small
    # numbers ("5 de mayo"); one alternative per word, so there is one way to read a name
    r"(?:[A-Za-zÀ-ÖØ-öø-ÿ'.]{1,40}\s{1,5}|\d{1,3}\s{1,5}(?=(?:de\b|#|no\b|no\.|n[uú]m|n°|nº))){0,5}"
    r"(?:[A-Za-zÀ-ÖØ-öø-ÿ'.]{1,40}\s{0,5},?\s{0,5})?"
    r"(?:(?:#|no\.?|n[uú]m\.?|n[uú]mero|n°|nº|casa|bloque|lote|mz\.?|manzana)\s{0,5})?\d{1,5}(?:[-/]\d{1,4}|\s?[A-Za-z]\b)?"
    r"(?:,?\s{0,5}(?:zona|z\.)\s{0,5}\d{1,2})?"
    rf"{UNIT}"
    r"(?:,?\s{0,5}(?:col\.?|colonia|barrio|zona)\s{1,5}[A-Za-zÀ-ÖØ-öø-ÿ]{1,40}(?:\s{1,5}[A-Za-zÀ-ÖØ-öø-ÿ]{1,40})?)?",
    re.IGNORECASE,
)
# "1234 calle falsa" (number first, Spanish street type)
ADDR_NUM_FIRST_ES = re.compile(
    r"(?<![\w/-])\d{1,5}\s{0,5},?\s{0,5}(?:calle|avenida|av\.?|avda\.?|calzada|boulevard|bulevar|camino|carretera|pasaje|privada|"
    r"rue|avenue|bd\.?|chemin|all[eé]e|impasse|route|ri|avni|rua)"
    r"\s{1,5}(?:(?:de|du|des|la|le|l'|d')\s{0,5}){0,2}[A-Za-zÀ-ÖØ-öø-ÿ'.]{1,40}"
    r"(?:\s{1,5}(?:(?:de|del|la|los|las|du|des|le|da|das|do|dos)\s{1,5})?[A-Za-zÀ-ÖØ-öø-ÿ'.]{1,40}){0,2}",
    re.IGNORECASE,
)
# "Elm St number 40", "Pine Street #40" (English street named first, number after)
ADDR_NUM_AFTER_EN = re.compile(
    rf"(?<![\w])(?:[A-Z][A-Za-z'.-]{{1,40}}\s{{1,5}}){{1,3}}(?i:{STREET_TYPES_EN})\.?,?\s{{1,5}}(?i:number|no\.?|#)\s{{0,5}}\d{{1,6}}[A-Za-z]?\b"
)
# Guatemala/Honduras style "4a avenida 3-21 zona 1" is covered by ADDR_ES (ordinal + type + number).

# ---------------------------------------------------------------------------
# Names given by the user ("my name is", "me llamo", "soy", ...)
NAME_INTRO = re.compile(
    r"(?:\bmy\s{1,5}names?\s{1,5}is|\bmy\s{1,5}names\b|\bname'?s|\bname\s{1,5}is|\bi'?m\s{1,5}called|\bi\s{1,5}am\s{1,5}called|\bcall\s{1,5}me|"
    r"\bthey\s{1,5}call\s{1,5}me|\bis\s{1,5}called|\bnamed|\bthis\s{1,5}is|\bit'?s\s{1,5}me,?|\bi'?m|\bi\s{1,5}am"
    r"|\bme\s{1,5}llamo|\bmi\s{1,5}nombre\s{1,5}es|\bnombre\s{1,5}de\s{1,5}(?:mi|su|tu)\s{1,5}\w{1,40}\s{1,5}es|\bnombre\s{1,5}es|\bse\s{1,5}llama|\bme\s{1,5}dicen|\bmi\s{1,5}nombre:|\bmy\s{1,5}name:|\bnombre:|\bname:"
    # pt, fr, ht
    r"|\bmeu\s{1,5}nome\s{1,5}(?:é|e)|\bme\s{1,5}chamo|\bme\s{1,5}chamam|\bmeu\s{1,5}nome:|\bsou"
    r"|\bje\s{1,5}m'?\s?appelle|\bmon\s{1,5}nom\s{1,5}(?:est|c'?est)|\bon\s{1,5}m'?\s?appelle|\bmon\s{1,5}nom:|\bje\s{1,5}suis|\bc'?\s?est"
    r"|\bmwen\s{1,5}rele|\bm\s{1,5}rele|\bnon\s{1,5}(?:mwen|m)\s{1,5}se|\byo\s{1,5}rele\s{1,5}(?:mwen|m)|\bse\s{1,5}mwen"
    r"|\bsoy)\s{1,5}",
    re.IGNORECASE,
)
NAME_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’-]*")
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
    o os as um uma meu minha seu sua eu ele ela nós voce você aqui agora hoje obrigado obrigada oi ola olá
    menino menina brasileiro brasileira haitiano haitiana mãe mae pai irmão irmao irmã irma avó avo tio tia
    le les un une des du mon ma mes ton ta tes son sa ses je tu il elle nous vous ils elles ici maintenant
    merci bonjour salut oui non pas très tres aussi mineur mineure haïtien haitien haïtienne haitienne
    congolais congolaise camerounais camerounaise guinéen guinéenne sénégalais sénégalaise africain africaine
    perdu perdue seul seule triste peur mère mere père pere frère frere soeur sœur oncle tante avocat avocate
    mwen ou li nou yo se pa ak nan pou sa ki kounye a wi non mèsi mesi bonjou alo manman papa frè sè matant
    tonton avoka timoun ayisyen ayisyèn pè
    """.split()
)
NAME_STOP_SUFFIXES = ("ado", "ada", "ido", "ida", "oso", "osa", "eño", "eña", "ense", "ing", "ed")
TITLES = frozenset("lic licda dr dra sr sra srta mr mrs ms miss don doña ing prof profe".split())
NAME_GAP = re.compile(r"[ \t]{1,5}")
ARTICLE_AFTER = re.compile(r"(?:el|la)\s+", re.IGNORECASE)  # "me dicen el Chino"
