"""Sentence grammar: from the mentions in one sentence to draft claims.

A draft is an *anchor* (a counted thing: "55 Ukrainian UAVs", "seven" in "seven were downed",
"dozens of drones") joined to the outcome cue that governs it, the place and time words of its
clause, and the source the sentence gives. Article-level work (carrying attribution across
sentences, breakdowns, repeats) happens in `extract.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache

from orchestration.claims import fast_re as re  # `re`, its scans skipping to where a match can start
from orchestration.claims import lexicon, morphology
from orchestration.claims.claimants import ClaimantMention, find_claimants, is_hedged
from orchestration.claims.numbers import CountMention, find_counts, find_repetitions, number_words, parse_number
from orchestration.claims.outcomes import REFERRING_DETERMINERS, OutcomeCue, find_outcomes
from orchestration.claims.places import (
    ATTACKING_VERBS,
    DIRECTIONAL,
    SETTLEMENT_PREFIX,
    PlaceMention,
    anaphor_ends_at,
    country_of_adjective,
    counts_places,
    find_places,
    names_several_places,
    site_named_after,
    struck_after,
)
from orchestration.claims.sentences import Sentence
from orchestration.claims.timewords import TimeMention, find_time_mentions
from orchestration.claims.weapons import OBJECT_CLASSES, ThingMention, find_things, head_word, is_mass_noun

WEAPON_CLASSES = ("drone", "missile", "guided_bomb", "rocket", "aircraft", "other")
# Aircraft are counted when shot down or hit on the ground, not as the carriers of a launch.
# Which outcomes each class of thing can have; a cue outside these does not govern the thing.
ALLOWED_OUTCOMES = {
    **{w: ("intercepted", "launched", "hit") for w in WEAPON_CLASSES},
    "aircraft": ("intercepted", "hit"),
    "person": ("injured", "killed"),
    **{w: ("damaged",) for w in OBJECT_CLASSES},
}

# Clause boundaries: claims take the place and time words of their own clause first.
# Not the colon of "23:00", nor the dash of "20 — over the Rostov region" (a count and its place).
_CLAUSE_BREAK = lexicon.guarded(re.compile(
    r";|:(?!\d)|(?<!\d)\s+[—–]\s+|"
    r",\s+(?:while|whereas|but|and|as well as|with another|plus)\s+(?!(?:over|above|across)\s)|"
    r"\s+while\s+|\s+whereas\s+|,?\s+and\s+that\s+|\s+as\s+(?=(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)?\s+\w+ed\b)|"
    r",\s+(?=(?:another|and)\s)|(?<!\s[^\W\d_])(?<!^[^\W\d_])\.\s|"  # not "м. Суми", "с. Карповичі"
    # "..., where a private house was destroyed": what happened to a thing of its own at the place, its
    # article showing the new subject (not "Belarus Oblast, where seven were downed")
    r",\s+(?=where\s+(?:a|an|the)\s)|"
    # "..., with energy facilities in three oblasts hit": what befell things of its own, after the attack
    r",\s+(?=with\s+(?:[\w'’-]+,?\s+){1,9}?(?:hit|damaged|destroyed|struck|killed|injured|wounded|reported)\b)",
    re.IGNORECASE,
))  # fmt: skip
# Words that may stand between an anchor and a cue that follows it ("drones were reportedly shot down").
_AFTER_GAP = re.compile(
    r"^[\s,]*(?:(?:was|were|had\s+been|have\s+been|has\s+been|been|being|be|is|are|had|has|have|reportedly|allegedly|also|later|successfully|all|"
    r"reported|confirmed|initially|"  # "two people were reported killed"
    r"others|other\s+people|more|more\s+people|"  # "six others were injured": the elided noun of a toll
    r"each|then|subsequently|and|or|later|eventually|were\s+all|of\s+them|of\s+these|of\s+which|of\s+those|of\s+whom|in\s+total|in\s+all|"
    r"з\s+них|із\s+них|из\s+них|были|был|была|было|були|був|була|було|также|також|еще|ещё|ще|всего|загалом|"
    r"уже|вже|успешно|успішно|ночью|вночі|уночі|утром|вранці|ранее|раніше|"
    r"(?:над|в|у|на)\s+(?:территорией\s+|територією\s+)?[\w'’-]+(?:\s+(?:областью|області|областю|краем|районом|районе|районі))?|"
    r"then|either|both|immediately|promptly|effectively|quickly|"
    # "Ще 12, за даними відомства, знищили": a source set off by commas between figure and verb
    r"(?:according\s+to|за\s+даними|за\s+словами|за\s+інформацією|по\s+данным|по\s+словам|по\s+информации)\s+[^,.;:]{1,60}|"
    r"by\s+(?:air\s+defen[cs]e|Russian|Ukrainian|our|the)\s+[\w\s]{0,30}?|"
    r"(?:over|in|above|near|on)\s+(?:the\s+)?[\w'’-]+(?:\s+(?:region|oblast|area|krai|district))?)[\s,]+)*"
    r"[\"“«„]?$",  # 'were "locationally lost"': a quotation mark before the cue
    re.IGNORECASE,
)
_BEFORE_GAP = re.compile(r"^[\s,]*(?:(?:[\w'’\"“”-]+)\s+){0,4}$")
# "сбили над Брянской областью — 29": a place and its dash may stand between a verb and an item
_PLACE_ITEM_GAP = re.compile(r"^[\s,]*(?:over|in|above|над|в|у|на)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+\s*[—–-]\s*$", re.I)
_WITH_GAP = re.compile(r"\bwith\s+$|\busing\s+$|\bby\s+$|\binvolving\s+$", re.IGNORECASE)
# The largest share of a figure, then the share's own figure between dashes or commas: "Больше всего
# аппаратов – 41 –", "Найбільше – 17 –", "Most of them, 21,"; the words before the dash may name what
# the figure counts.
_SHARE_LEAD = re.compile(
    r"\s*(?:больше\s+всего|наибольшее\s+(?:число|количество)|найбільше|найбільша\s+кількість|"
    r"most\s+of\s+them|the\s+most|most|the\s+largest\s+number|the\s+majority)"
    r"(?:\s+[\w'’-]+){0,2}?\s*[—–,(-]\s*",
    re.I,
)
# A total and its time before a dash: "Всего за сегодня —", "In total since midnight -".
_TOTAL_LEAD = re.compile(
    r"\s*(?:всего|итого|в\s+общей\s+сложности|загалом|всього|усього|in\s+total|in\s+all|altogether|overall)"
    r"(?![\w])[^\d.;:!?]{0,40}?\s*[—–-]\s*",
    re.I,
)
_SENTENCE_REST = re.compile(r"\s*[.!]?\s*")


def _total_alone(text: str, start: int, end: int) -> bool:
    """Whether the figure at start..end is all a sentence says besides its total's lead ("Всего за
    сегодня — 17.")."""
    return bool(_TOTAL_LEAD.fullmatch(text, 0, start) and _SENTENCE_REST.fullmatch(text, end))


_LIST_ITEM = re.compile(
    r"^\s*(?:of\s+(?:them|which|these|those)\s+)?(?:each\s+)?(?:were\s+|was\s+)?"
    r"(?:over|in|above|near|on|across|—|–|-|над|в|у|на|під|под|по|возле|біля|около)\s",
    re.IGNORECASE,
)  # "27 over Rostov", "12 of them over Krasnodar Krai": a breakdown item
# Debris of a thing fell, hit or damaged something: the thing's claim is a hit.
_DEBRIS_BEFORE = re.compile(
    r"(?:debris|fragments|wreckage|remains|parts|pieces)\s+(?:of|from)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:(?:downed|destroyed|intercepted|shot-down|crashed|Russian|Ukrainian|enemy)\s+)*$",
    re.I,
)
# the words before a thing, and the opening quote of its model ("уламки збитого «Шахеда»")
_CYRILLIC_WORDS_BEFORE = re.compile(r"((?:[а-яіїєґё'’-]+\s+){1,4})[«\"“„]?$", re.I)
_DEBRIS_VERB = re.compile(
    r"\b(?:fell|fallen|falling|fall|hit|damag\w*|crash\w*|landed|struck|caus\w*|sparked|set\s+fire|scattered|"
    r"came\s+down|shattered|smashed|broke|injur\w*|wound\w*|kill\w*|found|discovered|recovered|"
    r"упали|впали)\b",
    re.IGNORECASE,
)

# Sentences that only list what the one before counted: "These were ...", "The missiles included ...".
_CONTINUATION = re.compile(
    r"^\s*(?:these|they|those|this|the\s+(?:missiles|drones|weapons|attack|strike|barrage))\s+"
    r"(?:were|was|included|include|comprised|consisted\s+of|involved)\b|^\s*(?:among\s+them|of\s+these|including)\b|"
    # "Of the drones, about 4,100 were Shahed-type", "Серед ракет — 28 крилатих Х-101": the parts of
    # the things just counted
    r"^\s*(?:of\s+(?:the|these|those)\s+(?:missiles|drones|UAVs|rockets|bombs|weapons)\s*,|"
    r"among\s+(?:the|these|those)\s+(?:missiles|drones|UAVs|rockets|bombs|weapons)\s+(?:were|was)\b|"
    # "Серед ракет були шість «Кинджалів»", "Серед ракет, за даними відомства, були й п'ять ...", "Среди
    # выпущенных ракет — ...": a participle may name what befell them, an aside may stand before the verb
    r"(?:серед|среди)\s+(?:[\w'’]+(?:их|ых)\s+)?(?:ракет|дронів|дронов|безпілотників|беспилотников|БпЛА|БПЛА)"
    r"\s*(?:,[^,.;]{1,50},\s*)?(?:[—–:-]|(?:були|был[иа]?|було|было|був|була)(?:\s+(?:й|і|и|також|также))?\s))",
    re.IGNORECASE,
)
# "... during an attack on the Ukrainian port of": what follows is the attack's target.
ATTACK_TARGET_BEFORE = re.compile(
    r"\b(?:attacks?|strikes?|assaults?|raids?)\s+on\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}$", re.I
)
_SPACES = re.compile(r"\s*")
_ATTACK_VERB = re.compile(r"атак|attack", re.IGNORECASE)  # "атаковали", "attacked", at a cue's start
_FROM_GAP = 80
_FROM_PHRASE = re.compile(rf"\bfrom\b[^;:.]{{0,{_FROM_GAP}}}$", re.I)
# A match spans "from" and the gap, and its "$" may stand before a final newline: a search of this
# many characters before a place finds what a search of the whole prefix finds.
_FROM_PHRASE_REACH = len("from") + _FROM_GAP + 2
_TARGET_PREPS = {"at", "against", "on", "towards", "toward", "into", "onto"}  # "fired from ships at Ukraine"
# A verb ends the phrase: "debris from a downed drone fell in Belgorod", "launched from Bryansk were
# shot down over Kursk".
_FROM_PHRASE_ENDS = re.compile(
    r"\b(?:fell|landed|crashed|came\s+down|hit|struck|damaged|exploded|was|were|is|are)\b", re.IGNORECASE
)
_COORDINATED = re.compile(
    r"[\"»”’']?"  # the close of a model's name: 'ракетами "Искандер-М" и 145 ...'
    r"(?:\s*/\s*[\w\"«»“”-]+)*"  # and the models it is given as beside it: '«Іскандер-М»/KN-23'
    r"(?:\s+of\s+(?:various|different|several|all)\s+(?:types|kinds|models))?"  # "100 missiles of various types and"
    # where the item came from: "two missiles from Kursk region and ...", "ракетами із Курської області та"
    r"(?:\s+(?:from|із|з|зі|из|с|со)\s+[^,;:.()]{1,60}?)?"
    # or what launched it: "11 rockets launched by HIMARS systems and ...", "снарядов, выпущенных из РСЗВ, и"
    r"(?:,?\s+[\w-]+\s+(?:by|from|із|з|зі|из|с|со)\s+[^,;:.()]{1,60}?,?(?=\s*(?:and|та|і|й|и)\s))?"
    # and where the item was: "a warehouse in Lviv and an electrical substation in the Stryi district"
    r"(?:\s+in\s+(?:the\s+)?[^,;:.()]{1,40}?)?"
    r"\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+|plus\s+|along\s+with\s+|(?:а\s+)?(?:також|также)\s+)?"
    r"|(?:and|та|і|й|и)\s+|as\s+well\s+as\s+|plus\s+|"
    r"along\s+with\s+)",
    re.I,
)
_DEBRIS_OF = re.compile(r"\s+(?:of|from)\s+(?:the\s+|a\s+|an\s+|one\s+of\s+the\s+)?(?:[\w-]+\s+){0,3}", re.IGNORECASE)
_DEBRIS_AFTER = re.compile(r"^\s+(?:debris|fragments|wreckage|remains)\b", re.I)


_OUT_OF_BETWEEN = re.compile(r"\s+(?:out\s+of|of\s+the|из|із|зі|з)\s+", re.I)
_OF_TOTAL = re.compile(
    r"^\s+(?:(?:out\s+)?of\s+(?:the\s+)?|із\s+|из\s+|з\s+)(?!(?:them|these|those|which|whom|них|яких|которых)(?![\w]))"
    r"(?:\d[\d,]*|[a-z-]+|[а-яіїєґё'’-]+)\s",
    re.IGNORECASE,
)
_SUBSET = re.compile(
    r"(?:including|among them|among whom|of whom|such as|"
    # "296 UAVs, mostly FPV drones, attacked ...": what most of them were, not more things
    r",\s*(?:mostly|mainly|primarily|largely|predominantly|most\s+of\s+them|переважно|здебільшого|"
    r"в\s+основном|преимущественно|в\s+основному)|"
    r"among\s+(?:the\s+)?(?:injured|wounded|dead|killed|victims|casualties)(?:\s+(?:were|was|are|is))?|"
    r"в\s+том\s+числе|среди\s+(?:них|раненых|погибших|пострадавших)|серед\s+(?:них|поранених|загиблих|постраждалих)|"
    r"у\s+тому\s+числі)\s+(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
_INCLUDING_BEFORE = re.compile(r"(?:including|в\s+том\s+числе|у\s+тому\s+числі|в\s+тому\s+числі)\s+$", re.I)
_OVER_AFTER = re.compile(r"\s+(?:over|above|над)\s", re.I)
_OF_THEM_BEFORE = re.compile(r",\s*(?:з|із|из)\s+них\s+$", re.I)
_OF_THEM_WERE = re.compile(r"\s+of\s+(?:them|these|those)\s+(?:were|was|are)\s", re.I)
_BOTH = re.compile(r"both|оба|обе|обидва|обидві|обоє", re.I)
_AND_NEXT = re.compile(r"\s*,?\s*(?:and|и|і|та|й)\s+[^,.;:]{0,30}", re.I)
_SUBSET_AFTER = re.compile(
    r"^\s+(?:(?:was|were|is|are)\s+)?(?:of\s+(?:them|whom|the\s+(?:injured|wounded|dead|victims|killed))\b|"
    r"among\s+(?:them|whom|(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:injured|wounded|dead|killed|victims|hurt|casualties)\b))",
    re.IGNORECASE,
)  # "a girl was among the five injured": one of those counted
_OF_THE_WHOLE = re.compile(r"\s*(?:of|out\s+of|из|з|із)\s+(?:the\s+|all\s+|всех\s+|усіх\s+)?", re.I)
_ONE_ATTACK = re.compile(r"^[\s-]+(?:strike|attack|raid)(?![\w-])", re.IGNORECASE)
_ATTACK_NOUN_END = re.compile(r"(?<![\w-])(?:strike|attack|raid)$", re.IGNORECASE)  # "Kinzhal strike"
_AFTERMATH = ("damaged", "injured", "killed")
_ATTACK_ON = re.compile(r"^[\s-]+(?:strikes?|attacks?|raids?)\s+(?:on|against|in)\s", re.IGNORECASE)
_REFERRED_BACK = re.compile(
    r"\bthe\s+(?:downed|intercepted|destroyed|shot-down|crashed|fallen|wrecked)\s+$", re.IGNORECASE
)
# The armed forces as a subject, besides the sides' names in attribution.yml ("ВСУ поразили").
_FORCES = ["forces", "troops", "army", "military", "units", "войска", "війська", "ВСУ", "ЗСУ"]


@cache
def _forces_struck() -> re.Pattern[str]:
    """A side or its forces that struck the thing right after ("Ukrainian forces struck the Saratov
    refinery", "Силы обороны поразили нефтебазу", "Росія атакувала енергооб'єкт")."""
    agents = lexicon.attribution()["agents"]
    subjects = lexicon.alternatives(sorted({*_FORCES, *agents["RU"], *agents["UA"]}, key=len, reverse=True))
    return re.compile(
        rf"(?<![\w-]){subjects}(?:\s+(?:України|Украины|РФ|России|Росії))?\s+(?:had\s+|have\s+|has\s+)?"
        r"(?:struck|hit|targeted|уразили|уразила|уразив|поразили|поразила|поразил|атаковали|атаковала|атакували|"
        r"атакувала)\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,3}$",
        re.I,
    )


# A noun of a strike right before the one object it struck ("підтвердив ураження нафтобази",
# "поражение Новокуйбышевского НПЗ"), at most two words between.
_STRIKE_ON_OBJECT = re.compile(
    r"(?<![\w])(?:ураження|ураженні|поражение|поражения|поражении)\s+(?:[\w'’-]+\s+){0,2}$",
    re.I,
)
_WAS_HIT = re.compile(
    # where the things were, maybe a list ("Energy facilities in the Chernihiv, Sumy and Kharkiv regions were hit")
    r"(?:\s+(?:in|on|near|at|outside)\s+[^,.;:]{0,50}?(?:,\s+[^,.;:]{1,30}?)*)?"
    r"\s+(?:was|were|had\s+been|has\s+been|have\s+been)\s+"
    r"(?:reportedly\s+|also\s+|directly\s+)?(?:hit|struck)\b",
    re.I,
)
# A comma, and an age, between a person and the same person named again ("the driver, a 46-year-old
# man", "его пассажирка, 38-летняя женщина").
_AGE_ADJECTIVE = r"\d+-(?:летн|річн)\w*\s+"  # "38-летняя", "16-річний"
_APPOSITION = re.compile(rf",\s*(?:{_AGE_ADJECTIVE})?")
_OF_ONE = re.compile(r"\s+(?:of\s+)?", re.I)
# Between two people counted in one toll: an age after the first ("чоловіка 58 років і жінку"), the
# conjunction, a possessive, and an adjective of the second ("та 16-річний хлопець").
_PEOPLE_JOINED = re.compile(
    r"\s*(?:\d+\s+(?:років|року|рік|лет|года|год)\s*)?(?:,\s*)?(?:and|и|і|й|та|а также|а також)\s+"
    rf"(?:her|his|their|его|ее|её|их|його|її|їхній|їхня)?\s*(?:{_AGE_ADJECTIVE}|\d+-year-old\s+|teenage\s+|elderly\s+)?",
    re.I,
)
_OF_WHICH_WORDS = r"of\s+(?:which|them|these|those)|з\s+них|із\s+них|из\s+них"
# Nothing but a conjunction before a sentence's first figure ("Ще два – ...", "And one over ..."), or the
# words that break down the figure told before ("Из них 29 — над Ленинградской областью").
_OPENS_WITH_FIGURE = re.compile(
    rf"\s*(?:(?:and|also|ще|еще|ещё|и|і|та)\s+)?(?:(?:{_OF_WHICH_WORDS}|among\s+them|среди\s+них|серед\s+них),?\s+)?"
    r"(?:по\s+)?$",
    re.I,
)
_OF_WHICH = re.compile(rf"\s+(?:{_OF_WHICH_WORDS})(?![\w])", re.I)
_OF_WHICH_AFTER_COMMA = re.compile(rf"[,;:]\s*(?:{_OF_WHICH_WORDS})(?![\w])", re.I)
_OF_WHICH_BEFORE = re.compile(rf"(?<![\w])(?:{_OF_WHICH_WORDS}|з\s+яких|из\s+которых)(?:\s+[\w-]+){{1,3}}\s+$", re.I)
_DATELINE_AFTER = re.compile(r"\s*\((?:[A-Z][\w.]*\s?){1,3}\)\s*[-–—]")
_SAID_ON = re.compile(
    r"\b(?:said|says|reported|announced|wrote|added|stated|told\s+\w+|claimed)\s+(?:on|late\s+on|early\s+on)?\s*$", re.I
)
_ALL_OF_THEM = re.compile(
    r"(?<![\w-])(all|both)(?:\s+of\s+(?:them|these|those|which))?(?=\s+(?:were|was|had|have|been)\b)|"
    # "..., усі вони знищені", "..., все они были уничтожены"
    r"(?<![\w-])(все\s+(?:они|из\s+них)|(?:всі|усі)\s+(?:вони|з\s+них))"
    r"(?=\s+(?:были|было|були|було|\w+(?:ены|ені|ено|ито|иты|ті|ли))\b)",
    re.I,
)
_RANKED_ATTACK = re.compile(
    r"\b(?:first|second|third|\w+(?<!\bwi)th|last|latest|largest|biggest|heaviest|deadliest|most\s+\w+|one\s+of|"
    r"перш\w+|втор\w+|трет\w+|друг\w+|крупнейш\w+|наймасованіш\w+|самой\s+\w+|найбільш\w+)\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)
_MIXED_JOINER = re.compile(r"\s+(?:and|or|and/or|и|или|і|й|та|або)\s+(?:other\s+|інших\s+|других\s+)?", re.I)
_LAST_DASH = re.compile(r"\s[–—-]\s(?!.*\s[–—-]\s)[^.;]*$")
_COPULA_PART = re.compile(r"\s+(?:were|was)\s+(?:(?:about|around|some|roughly)\s+)?", re.I)
_PHRASE_BREAK = re.compile(r"[,.;:!?()«»\"]")
_THINGS_JOINED = re.compile(r"\s*(?:,|і|и|та|а также|а також)\s+(?:[\w'’-]+\s+){0,2}")
# "an attempted attack", "попытка атаки"; "the threat of a missile strike", "загрозу ракетного удару"
_ATTEMPTED_ATTACK = re.compile(
    r"\b(?:attempt(?:ed)?|попытк\w*|спроб\w*|threat|danger|risk|загроз\w*|угроз\w*|небезпек\w*|опасност\w*)"
    r"\s+(?:(?:of|a|an)\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
_MOVED_INTO = re.compile(
    r"(?<![\w])(?:flew|flown|flying|headed|heading|moved|strayed|drifted|returned|went|left|полетели|улетели|"
    r"полетіли|вилетіли|відлетіли|залетіли|залетели|летел[аио]?|летевш\w*|летящ\w*|летіл[аио]?|летів|летіли|"
    r"направлял\w*|прямувал\w*)\s+(?:[\w'’-]+\s+){0,3}?(?:into|toward|towards|to|back\s+to|в|у|до|на|к|"
    r"в\s+сторону|у\s+бік|в\s+бік|в\s+напрямку|у\s+напрямку)\s+(?:the\s+)?$",
    re.I,
)


def is_heading(text: str, place: PlaceMention) -> bool:
    """Whether the place is where things flew, not where they were ("two of them were flying towards
    Moscow", "из них два летели на Москву", "five drones flew into Belarus")."""
    return lexicon.search(_MOVED_INTO, text, max(0, place.start - 50), place.start) is not None


_SHARE_OF_THEM = re.compile(
    r"(?<![\w])(?:most|many|some|several|half|part|the\s+majority|a\s+third)\s+of\s+(?:them|which|these|those)(?![\w])|"
    r"(?<![\w])(?:більшість|частина|половина|большинство|часть)\s+(?:з\s+них|із\s+них|из\s+них)(?![\w])|"
    # "launched 67 drones, mainly at the Odesa region": an adverb of the share, then where it went
    r"(?<![\w])(?:mostly|mainly|primarily|largely|predominantly|chiefly|переважно|здебільшого|в\s+основному|"
    r"в\s+основном|преимущественно|главным\s+образом)\s+(?:at|in|on|over|towards?|against|targeting|по|на|в|у|над)(?![\w])|"
    r"(?<![\w])(?:targeting|aimed\s+at|directed\s+at)\s+(?:mostly|mainly|primarily|largely|chiefly)(?![\w])",
    re.I,
)


def _share_before(text: str, end: int, place: PlaceMention) -> bool:
    share = _SHARE_OF_THEM.search(text, end, place.start)
    if share is not None and not re.search(r"[.;]", text[share.end() : place.start]):
        return True
    # "targeting the Volyn and Lviv regions among others": some of the places it went, named as such
    others = _AMONG_OTHERS.search(text, place.end, min(len(text), place.end + 60))
    return others is not None and not re.search(r"[.;,]", text[place.end : others.start()])


_AMONG_OTHERS = re.compile(
    r"(?<![\w])(?:among\s+others|among\s+other\s+\w+|and\s+elsewhere|серед\s+інших|среди\s+прочих|среди\s+других|"
    r"та\s+інших|и\s+других)(?![\w])",
    re.I,
)


_WHERE = re.compile(r"[\s,]*(?:where|де|где)(?![\w])", re.I)
_REPEL = re.compile(r"repel|thwart|foil|отраж|отрази|відби", re.I)
_ATTACK_NOUN = re.compile(r"(?<![\w-])(?:attacks?|assaults?|raids?|strikes?|атак[аиуы]?)(?![\w-])", re.I)
_REPELLED_AFTER = re.compile(
    # 'a "massive drone attack" on the city had been repelled': the quote closed after the noun
    r"[\"“”«»„]?(?:\s+(?:on|against|in|targeting)\s+[^.;:]{0,70}?)?\s+(?:had\s+|has\s+|have\s+)?(?:been|was|were|is|are)\s+"
    r"(?:successfully\s+|reportedly\s+|all\s+)?[\"“”«»„]?"
    # "атака на регион отражена", "атака безпілотників на Новокуйбишевськ була відбита": no auxiliary
    r"|[\"“”«»„]?(?:\s+(?:на|по|в|у|против|проти)\s+[^.;:!?]{0,70}?)?\s+(?:(?:была|было|були|була|було|успешно|успішно)\s+)*"
    r"[\"“”«»„]?",
    re.I,
)
_REPELLING_BEFORE = re.compile(
    r"\s+[\"“”«»„]?(?:(?:the|an|a|another|this|that|all|several|massive|new)\s+(?:[\"“”«»„]?[\w-]+[\"“”«»„]?\s+){0,3})?"
    r"(?:[\w-]+\s+)?",
    re.I,
)  # "repelled a massive drone attack", 'repelled "a massive drone attack"', "об отражении атаки" (no article)
_THING_AFTER_ATTACK = re.compile(
    r"\s+(?:(?:by|of|involving|with|using)\s+)?(?:(?!(?:on|against|in|over|на|по|в|у|над)\s)[^\W\d]+\s+){0,2}", re.I
)
_ATTACK_BY = re.compile(r"\s+(?:by|of|involving|with|using)\s+(?:up\s+to\s+|more\s+than\s+|at\s+least\s+)?\d", re.I)
_LAUNCH_PLATFORM_BEFORE = re.compile(
    r"\b(?:fired|launched|released|dropped|firing|launching)\s+from\s+(?:a\s+|an\s+|the\s+|their\s+|its\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
_COUNTED_STRIKES = re.compile(r"[\s-]+(?:strikes|attacks|hits)$", re.I)
_COMPOUND_NOUN = re.compile(
    # "a Vampire multiple rocket launcher", "HIMARS launch systems": the launcher, not a weapon fired
    r"^[\s-]+(?:(?:multiple\s+)?(?:rocket\s+)?launch(?:ers?|ing\s+systems?)|(?:multiple\s+)?rocket\s+systems?|MLRS|"
    r"strikes?|attacks?|raids?|barrages?|assaults?|campaign|warfare|operations?|threat|alerts?|"
    r"production|factory|plant|units?|operators?|pilots?|crews?|launchers?|"
    r"sites?|defen[cs]es?|danger|terror|incursions?|activity|technology)\b",
    re.IGNORECASE,
)


@dataclass
class Draft:
    sentence: Sentence
    anchor_start: int  # offsets inside the sentence
    anchor_end: int
    count: int | None
    count_qualifier: str
    count_text: str | None
    thing: ThingMention | None
    weapon: str
    weapon_model: str | None
    outcome: str
    outcome_text: str
    place: PlaceMention | None
    places_in_clause: list[PlaceMention]
    time: TimeMention | None
    source: ClaimantMention | None
    is_hedged: bool
    is_list_item: bool
    clause: int
    extras: dict = field(default_factory=dict)


@dataclass
class SentenceMentions:
    sentence: Sentence
    things: list[ThingMention]
    counts: list[CountMention]
    outcomes: list[OutcomeCue]
    places: list[PlaceMention]
    times: list[TimeMention]
    claimants: list[ClaimantMention]
    clauses: list[tuple[int, int]]
    is_hedged: bool


_IN_BETWEEN = re.compile(r"\s+in\s+")
_ONE_SPACE = re.compile(r"(?:['’]s)?\s")  # "Kharkiv Mayor", "Kiev's air force": the office's place


def read_sentence(sentence: Sentence, published: date | None) -> SentenceMentions:
    return _mentions(sentence, *(find(sentence.text) for find in _finders(published)))


def read_sentences(sentences: list[Sentence], published: date | None) -> list[SentenceMentions]:
    """`read_sentence` of each sentence. Each mention finder reads every sentence in turn before the
    next finder starts (each depends on the sentence's text alone), then each sentence's mentions
    are put together: one finder's patterns and code stay in the processor's caches across the
    sentences instead of all finders taking turns on each sentence (6 to 7% less CPU time for the
    whole extractor on a quiet machine, more on a busy one)."""
    if len(sentences) == 1:
        return [read_sentence(sentences[0], published)]
    texts = [sentence.text for sentence in sentences]
    try:
        found = [[find(text) for text in texts] for find in _finders(published)]
    except Exception:
        # The error a sentence-by-sentence reading meets first, as before (a time budget's alarm,
        # which repeats, is raised again there).
        return [read_sentence(sentence, published) for sentence in sentences]
    return [_mentions(sentence, *finds) for sentence, *finds in zip(sentences, *found, strict=True)]


def _finders(published: date | None) -> tuple:
    """The mention finders, in the order `_mentions` takes what they find."""
    return (
        lambda text: find_time_mentions(text, published),
        find_claimants,
        find_things,
        find_places,
        find_counts,
        find_outcomes,
        _clauses,
        is_hedged,
    )


def _mentions(
    sentence: Sentence,
    found_times: list[TimeMention],
    claimants: list[ClaimantMention],
    found_things: list[ThingMention],
    found_places: list[PlaceMention],
    found_counts: list[CountMention],
    found_outcomes: list[OutcomeCue],
    clauses: list[tuple[int, int]],
    hedged: bool,
) -> SentenceMentions:
    """A sentence's mentions from what each finder found in it."""
    text = sentence.text
    # "KYIV, Aug 3 (Reuters) -": the dateline's date is when the story was filed.
    times = [t for t in found_times if not _DATELINE_AFTER.match(text[t.end :])]
    things = [t for t in found_things if not _inside_any(t.start, t.end, claimants)]
    # "leaving 3,000 households without power": those cut off, not things damaged
    things = [t for t in things if t.weapon not in OBJECT_CLASSES or not _without_supply().match(text, t.end)]
    # "64 people had been taken to hospitals": the hospital is inside the casualty's cue, no object
    casualty_cues = [(o.start, o.end) for o in found_outcomes if o.outcome in ("injured", "killed")]
    things = [t for t in things if not any(a < t.start and t.end <= b for a, b in casualty_cues)]
    things = _counted_targets(text, things)
    taken = [(x.start, x.end) for x in [*times, *claimants]]  # built once, not per place
    places = [
        p
        for p in found_places
        if not _overlaps_spans(p.start, p.end, taken)
        # "the Defence Ministry in Moscow": where the claimant sits, not where things happened
        and not any(_IN_BETWEEN.fullmatch(text[c.end : p.start]) for c in claimants)
        # "Kharkiv Mayor Ihor Terekhov": the office's place, not the event's ("В Липецкой области
        # губернатор ...": a place with a preposition of its own frames the event)
        and not (
            (p.prep is None or p.prep in DIRECTIONAL)  # "according to Kharkiv Mayor"
            and any(_ONE_SPACE.fullmatch(text[p.end : c.start]) for c in claimants)
        )
    ]
    places = [_of_the_object(text, p, things) for p in places]
    blocked = [(t.start, t.end) for t in things if t.model or not t.has_head] + [(t.start, t.end) for t in times]
    counts = [c for c in found_counts if not _overlaps_spans(c.start, c.end, blocked)]
    place_spans = [(p.start, p.end) for p in places]  # built once, not per count
    counts = [c for c in counts if not _overlaps_spans(c.start, c.end, place_spans)]
    # "The tractor driver, 52, was injured": a figure set off by commas right after a person is an age
    people_ends = {t.end for t in things if t.weapon == "person"}
    counts = [c for c in counts if not _age_apposition(text, c, people_ends)]
    # "Евакуйовано 40 мешканців", "40 residents were evacuated": people counted by another verb
    spared = [c for c in counts if _counted_by_other_verb(text, c, things)]
    if spared:
        counts = [c for c in counts if c not in spared]
        things = [t for t in things if not any(0 <= t.start - c.end <= 2 for c in spared)]
    thing_spans = [(t.start, t.end) for t in things]  # built once, not per cue
    outcomes = [
        o
        for o in found_outcomes
        if not _overlaps_spans(o.start, o.end, thing_spans) and not _property_suffered(text, o, things)
    ]
    return SentenceMentions(sentence, things, counts, outcomes, places, times, claimants, clauses, hedged)


_AGE_AFTER = re.compile(r"\s*[,)]")
# Between an active verb and its object: "destroyed all four unmanned boats", "уничтожил два катера"
_OBJECT_GAP = re.compile(
    r"\s+(?:(?:all|both|the|a|an|two|three|four|five|six|\d+|все|всі|усі|два|две|три|четыре)\s+){0,3}", re.I
)


@cache
def _without_supply() -> re.Pattern[str]:
    supplies = lexicon.alternatives(sorted(lexicon.objects()["supplies"], key=len, reverse=True))
    return re.compile(
        r"\s+(?:(?:were|are|was|is|remain(?:ed)?|left|залишилися|залишились|остались|осталися)\s+)?(?:without|без)\s+"
        rf"(?:{supplies})(?![\w])",
        re.I,
    )


def _counted_by_other_verb(text: str, count: CountMention, things: list[ThingMention]) -> bool:
    person = next((t for t in things if t.weapon == "person" and 0 <= t.start - count.end <= 2), None)
    if person is None:
        return False
    verb = lexicon.outcome_phrases("not_casualty_verbs")
    before = text[max(0, count.start - 30) : count.start]
    if any(m.end() >= len(before) - 2 for m in verb.finditer(before)):
        return True  # "Евакуйовано 40 мешканців", "evacuated 40 residents"
    after = re.match(r"\s+(?:(?:had|have|has)\s+)?(?:been|were|was|are)\s+", text[person.end :])
    return bool(after and verb.match(text, person.end + after.end()))  # "40 residents were evacuated"


def _age_apposition(text: str, count: CountMention, people_ends: set[int]) -> bool:
    if count.value is None or not count.text.isdigit() or count.value > 120:
        return False
    comma = text.rfind(",", 0, count.start)
    if comma < 0 or text[comma + 1 : count.start].strip():
        return False
    # "Тракторист, 53 роки, отримав поранення": years named make an age after any noun
    return bool(_YEARS_OF_AGE.match(text, count.end)) or (
        len(text[:comma].rstrip()) in people_ends and _AGE_AFTER.match(text, count.end) is not None
    )


_YEARS_OF_AGE = re.compile(r"\s+(?:рік|роки|років|год|года|лет|years?\s+old)\s*[,)]", re.I)


_JUST_BEFORE = re.compile(r"\s*$")


@cache
def _count_after() -> re.Pattern[str]:
    return re.compile(rf"\s+(?:\w+\s+){{0,2}}?(?:\d|(?:{lexicon.alternatives(number_words())})(?![\w]))", re.I)


def _of_the_object(text: str, place: PlaceMention, things: list[ThingMention]) -> PlaceMention:
    """A place in the genitive right after a damaged or struck object is where the object is
    ("по портовій інфраструктурі Одеси", "НПЗ Саратова")."""
    if place.is_locative or place.scope != "region" or not morphology.has_cyrillic(place.text):
        return place
    if not any(t.weapon in OBJECT_CLASSES and 0 <= place.start - t.end <= 1 for t in things):
        return place
    if not morphology.can_be_genitive(place.text.split()[0]):
        return place
    return replace(place, is_locative=True)


def _property_suffered(text: str, cue: OutcomeCue, things: list[ThingMention]) -> bool:
    """ "чьи дома пострадали", "чиє житло постраждало", "homes that suffered": a casualty verb whose
    subject, right before it, is property: no one was hurt."""
    if cue.outcome not in ("injured", "killed"):
        return False
    if any(t.weapon == "person" and 0 <= t.start - cue.end <= 40 for t in things):
        return False  # "при атаке на частный дом пострадал мужчина": the person after the verb suffered
    if _count_after().match(text, cue.end):
        return False  # "пострадали двое", "injured more than 20 people"
    owners = [t for t in things if t.weapon == "person"]
    return any(
        t.weapon in OBJECT_CLASSES
        and t.end <= cue.start
        and _JUST_BEFORE.fullmatch(text, t.end, cue.start)
        # "двоє працівників порту дістали поранення": the port's workers, not the port
        and not any(_JUST_BEFORE.fullmatch(text, o.end, t.start) for o in owners)
        for t in things
    )


def draft_claims(
    m: SentenceMentions,
    context_thing: ThingMention | None,
    previous: list[Draft] | None = None,
    lead_cue: OutcomeCue | None = None,
) -> list[Draft]:
    """Draft claims of one sentence. `context_thing` stands in for an elided noun ("seven were downed");
    `previous` are the drafts of the sentence before, which a verbless list may continue."""
    text = m.sentence.text
    anchors = _anchors(m, context_thing)
    anchors = _all_of_those_before(m, anchors, previous or [])
    lead_in = _list_lead_in(m.sentence, previous or [])
    # "Два – у Криворізькому районі, по одному – на Нікопольщині" after "збили 4 дрони": a sentence of
    # figures and places with no verb and no noun of its own breaks down the figure just told.
    # "Больше всего аппаратов – 41 – над Курской областью, 30 – над Брянской": the largest share of
    # the figure just told opens the breakdown; its noun is the figure's, not one of its own.
    share_lead = _SHARE_LEAD.match(text)
    if share_lead and not any(c.start == share_lead.end() for c in m.counts):
        share_lead = None  # "Больше всего дронов, как и прежде, ...": no figure of the share there
    lead_end = share_lead.end() if share_lead else 0
    if share_lead:
        # the share's figure starts its item, where its place follows ("— 33 — над Белгородской")
        anchors = [(a[2].start, *a[1:]) if a[2] is not None and a[0] < lead_end else a for a in anchors]
        anchors = [a for a in anchors if a[0] >= lead_end]
    # "Всего за сегодня — 17.", "In total since midnight - 17.": the running total of the figure just told
    total_lead = (
        len(anchors) == 1
        and anchors[0][2] is not None
        and anchors[0][3] not in m.things
        and _total_alone(text, anchors[0][0], anchors[0][1])
    )
    verbless_items = (
        anchors
        and not m.outcomes
        and (share_lead or total_lead or _OPENS_WITH_FIGURE.match(text[: anchors[0][0]]))
        and all(
            # "..., 12 – над Орловською, решту – над Курською": the rest, a last item with no figure
            (i > 0 and a[6] == "remainder")
            or a[2] is not None
            and (
                (a[5] and (a[3] not in m.things or a[3].end <= lead_end))
                or (share_lead and a[2].start == lead_end)
                or total_lead
                # "8 – over the Moscow region, including 5 UAVs flying towards Moscow": the item's part
                or (i > 0 and _INCLUDING_BEFORE.search(text, max(0, a[0] - 24), a[0]))
            )
            for i, a in enumerate(anchors)
        )
    )
    continues = (_CONTINUATION.match(text) or lead_in or verbless_items) and previous
    if lead_in:
        previous = lead_in  # "– 307 ворожих БпЛА": a part of the figure before the colon, no earlier one
    drafts = []
    last_cue: OutcomeCue | None = None
    sentence_sites: list[PlaceMention] | None = None  # launch_sites of the sentence, found once
    part_starts = frozenset(t.start for t in m.things if t.weapon == "parts")
    totalled: Draft | None = None  # the draft a sentence of a total alone goes on from
    for anchor in anchors:
        start, end, count, thing, weapon, is_list_item, role = anchor
        cue = _governing_cue(text, start, end, weapon, m.outcomes, m.clauses, anchors, count is not None, part_starts)
        if role == "part" and cue is None:
            # "12 out of 13 drones launched by Russia were shot down": the main verb counts the part.
            cue = _main_verb_after_participle(
                text,
                end,
                OutcomeCue(end, end, "", "launched", "passive", None, False, False),
                m.outcomes,
                m.clauses,
                [],
            )
        if role == "debris":
            # The debris did something ("debris fell", "debris hit a house", "damaged by debris"),
            # not just lay there ("dispatched to the crash site to manage debris").
            following = " ".join(text[end:].split()[:6])
            did_something = (
                lexicon.search(_DEBRIS_VERB, following)
                or re.search(
                    r"(?:damaged|hit|struck|injured)\s+by\s+(?:\w+\s+)?$", text[max(0, start - 40) : start], re.I
                )
                # "от падения обломков загорелась трава", "обломками повреждена постройка"
                or (morphology.has_cyrillic(text[start:end]) and _debris_did_something(m.outcomes, start, m.clauses))
            )
            if not did_something:
                continue
            cue = OutcomeCue(start, end, text[start:end], "hit", "noun", None, False, False)
        if role == "repelled":
            cue = min((o for o in m.outcomes if _REPEL.match(o.text)), key=lambda o: abs(o.start - start))
        if isinstance(role, tuple) and role[0] == "toll":
            role, cue = "toll", role[1]
        if role == "object_hit":
            cue = OutcomeCue(start, end, "hit", "hit", "noun", None, False, False)
        if role == "strike_on":
            cue = OutcomeCue(end, end, "strike on", "hit", "noun", None, False, False)
        if role == "revised":
            told = [d for d in drafts if d.count is not None]
            if not told:
                continue
            cue = OutcomeCue(start, start, told[-1].outcome_text, told[-1].outcome, "noun", None, False, False)
        if role == "whole" and count is None:
            continue  # "Одна из ракет попала", "one of the drones hit": the one is the claim, "the drones" no other
        if role == "whole" and cue is None and last_cue is not None:
            cue = last_cue
        if role == "whole" and cue is not None and weapon in WEAPON_CLASSES and cue.outcome == "intercepted":
            # "shot down 12 out of 13 drones", "17 out of 20 drones were destroyed": the whole was
            # launched, the part intercepted.
            cue = OutcomeCue(cue.start, cue.end, cue.text, "launched", "active", None, False, False)
        clause_text = text[slice(*m.clauses[_clause_of(start, m.clauses)])]
        if (
            weapon in WEAPON_CLASSES
            and thing is not None
            and (_is_debris_of(text, start) or (thing in m.things and _DEBRIS_AFTER.match(text[thing.end :])))
            and (lexicon.search(_DEBRIS_VERB, clause_text) or _debris_did_something(m.outcomes, start, m.clauses))
        ):
            cue = OutcomeCue(start, end, "debris", "hit", "noun", None, False, False)
            cyrillic = bool(re.search(r"[а-яіїє]", thing.text, re.I))
            one = (
                morphology.grammatical_number(thing.text.split()[-1]) != "plur" if cyrillic else _is_singular(thing)
            )  # "уламки збитого дрона", not "уламки дронів"
            if count is None and (thing.determiner == "the" or cyrillic) and one:
                # "fragments of the drone", "уламки збитого дрона": one drone (Russian and Ukrainian have no articles).
                count = CountMention(thing.start, thing.start, "", 1, "exact")
        if thing is not None and thing.is_launcher and cue is not None and cue.outcome == "intercepted":
            continue  # "уничтожены три РСЗО": launchers lost on the ground, not rockets downed
        clause_start = m.clauses[_clause_of(start, m.clauses)][0]
        # "Сбиты 112 целей — 48 ракет и 64 беспилотника": a dash opens the parts as a colon does
        after_colon = text[:clause_start].rstrip().endswith((":", "—", "–"))
        if (
            cue is None
            and after_colon
            and count is not None
            and weapon in WEAPON_CLASSES
            and (
                # "противник атакував ударними БпЛА та ракетами: 2 ракети ...": attacked with them, what it sent
                any(
                    _clause_of(o.start, m.clauses) == _clause_of(start, m.clauses) - 1
                    and o.outcome == "hit"
                    and _attacked_with_before_colon(text, o.end, start, anchors)
                    for o in m.outcomes
                )
                or _attack_before_colon(text[:clause_start])
                # "Four attack drones struck the city: three in ...": the lead's own verb tells the items'
                # (not a strike noun: "був удар по нашій енергетиці: 11 ракет і 80 дронів" lists what it sent)
                and not any(
                    _clause_of(o.start, m.clauses) == _clause_of(start, m.clauses) - 1
                    and o.outcome != "launched"
                    and o.voice != "noun"
                    and not _ARTICLE_BEFORE_NOUN.search(text, max(0, o.start - 12), o.start)  # "another strike on"
                    for o in m.outcomes
                )
            )
        ):
            # "a massive attack overnight: more than 140 drones and three missiles": what the attack sent.
            cue = OutcomeCue(start, start, "attack", "launched", "noun", None, False, False)
        if cue is None and count is not None and weapon in WEAPON_CLASSES and _verbless_tally(m, anchors):
            # "Last night alone – 96 attack drones and four ballistic missiles", "За тиждень – понад
            # 1300 ударних дронів": a verbless tally after its time or its attack is what was sent.
            cue = OutcomeCue(start, start, "", "launched", "noun", None, False, False)
        if cue is None and count is not None and count.value and _downed_later(m, anchors, start, weapon, count.value):
            # "28 September — 512 drones and 44 missiles; 470 drones and 37 missiles were shot down": the
            # figures told with no verb before those downed of them are what was sent.
            cue = OutcomeCue(start, start, "", "launched", "noun", None, False, False)
        if cue is None and (is_list_item or after_colon) and last_cue is not None:
            cue = last_cue  # "55 drones: 27 over Rostov, ...": items share the total's outcome
        if (
            after_colon
            and count is not None
            and count.value is not None
            # of the same kind: "Терехов: поранено 8 людей, пошкоджено 4 будинки" lists no parts of the 8
            and any(d.count is not None and d.count > count.value and d.weapon in (weapon, "other") for d in drafts)
        ):
            is_list_item = True  # "44 air targets were destroyed: 29 missiles and 15 drones": the total's parts
        shared = cue is None or cue.end <= drafts[-1].anchor_start if drafts else False
        if (
            role == "part"
            and len(drafts) >= 2
            and drafts[-1].extras.get("role") == "whole"
            and drafts[-2].extras.get("role") == "part"
            and _COORDINATED.fullmatch(text[drafts[-1].anchor_end : start])
        ):
            # "shot down 51 of the 72 drones, as well as 5 of 7 missiles": a part coordinated with an
            # earlier "N of M" takes that part's verb, not a participle after its own whole.
            part = drafts[-2]
            cue = OutcomeCue(start, start, part.outcome_text, part.outcome, "active", None, False, False)
            shared = False
        if shared and drafts and _COORDINATED.fullmatch(text[drafts[-1].anchor_end : start]):
            # "attacked Zaporizhzhia with seven bombs and three Shahed drones": one verb, two things.
            cue = OutcomeCue(start, start, drafts[-1].outcome_text, drafts[-1].outcome, "active", None, False, False)

            is_list_item = is_list_item or drafts[-1].is_list_item  # "seven Kh-101s and four Iskander-Ms"
        of_them = _OF_THEM_WERE.match(text, count.end) if count is not None and cue is None and previous else None
        if of_them and any(t.weapon == weapon and 0 <= t.start - of_them.end() <= 25 for t in m.things):
            # "The enemy launched 90 drones. About 50 of them were Shaheds.": a part of the figure before
            same = [d for d in previous if d.weapon == weapon and d.count is not None and d.count > (count.value or 0)]
            if same:
                cue = OutcomeCue(start, start, same[-1].outcome_text, same[-1].outcome, "noun", None, False, False)
                is_list_item = True
        if cue is None and continues and count is not None:
            # "These were 29 Kh-101 missiles, 6 Kinzhals, ...": the parts of the claim just made.
            same = [d for d in previous if d.weapon == weapon] or [d for d in previous if d.weapon == "other"]
            if share_lead or total_lead:
                same = [d for d in same if d.count is not None]  # the share is one of the last figure
            # "The missiles included four Kinzhals, 22 Kh-101 and 12 Iskander-M" after "38 missiles" were
            # launched and "hits by 12 missiles": the figure the parts add up to, if one does
            parts_sum = sum(a[2].value or 0 for a in anchors if a[4] == weapon and a[2] is not None)
            same = [d for d in same if d.count == parts_sum] or same
            if same:
                totalled = same[-1]
                cue = OutcomeCue(start, start, same[-1].outcome_text, same[-1].outcome, "noun", None, False, False)
                is_list_item = True
        if (
            cue is None
            and lead_cue is not None
            # "адміністративну будівлю підприємства;" under "пошкоджено:": one thing, named alone
            and (count is not None or (weapon in OBJECT_CLASSES and thing is not None and thing.is_singular_object))
            and m.sentence.is_list_item
            and lead_cue.outcome in ALLOWED_OUTCOMES.get(weapon, ())
        ):
            # "Зокрема, застосував:" then "▪️ 9 керованих авіабомб;": the lead-in's verb, no figure of its own
            cue = OutcomeCue(start, start, lead_cue.text, lead_cue.outcome, "noun", None, False, False)
        if (
            cue is not None
            and cue.start >= end
            and drafts
            and count is not None
            and count.value is not None
            and drafts[-1].weapon == weapon
            and drafts[-1].count is not None
            and count.value < drafts[-1].count
            and drafts[-1].outcome != cue.outcome
            and _INCLUDING_BEFORE.search(text, max(0, start - 24), start)
        ):
            # "shot down all 20 missiles, including six Kinzhals, launched overnight": a part takes its
            # whole's verb, not a participle after it
            cue = OutcomeCue(start, start, drafts[-1].outcome_text, drafts[-1].outcome, "noun", None, False, False)
            is_list_item = True
        if (
            cue is not None
            and cue.outcome == "launched"
            and cue.end <= start
            and count is not None
            and count.value is not None
            and _INCLUDING_BEFORE.search(text, max(0, start - 24), start)
            and _OVER_AFTER.match(text, end)
        ):
            # "shot down all 15 drones launched by Russia, including four over Sumy Oblast": a part
            # placed where it was downed is a part of the downed, not of the launch participle's
            downed = [
                d for d in drafts if d.weapon == weapon and d.outcome == "intercepted" and (d.count or 0) > count.value
            ]
            if downed:
                cue = OutcomeCue(start, start, downed[-1].outcome_text, "intercepted", "noun", None, False, False)
                is_list_item = True
        dropper = next(
            (
                o for o in m.outcomes
                if weapon == "drone" and o.text.lower() in _drop_verbs() and o.start >= end
                and re.fullmatch(r"\s*(?:had\s+|has\s+|also\s+)?", text[end : o.start])
            ),
            None,
        )  # fmt: skip
        if (
            dropper is None
            and weapon == "drone"
            and thing is not None
            and cue is not None
            and cue.text.lower() in _drop_verbs()
            and cue.end <= start
            and any(p.search(text, max(0, start - 8), start) for p in (_FIRED_FROM, _FROM_BEFORE))
        ):
            # "скинули з дронів сім вибухових пристроїв", "dropped explosives from drones": the drones
            # the things fell from struck, as "a drone dropped" does ("з дрона", "from a drone": one)
            dropper = cue
            singular = (
                morphology.grammatical_number(thing.text.split()[-1]) == "sing"
                if morphology.has_cyrillic(thing.text)
                else thing.determiner is None and _is_singular(thing) and bool(re.search(r"\ban?\s+$", text[:start]))
            )
            if count is None and singular:
                count = CountMention(thing.start, thing.start, "", 1, "exact")
        if dropper is not None:
            # "a drone dropped an explosive device on a house": the drone struck, it was not launched.
            cue = OutcomeCue(dropper.start, dropper.end, dropper.text, "hit", "active", None, False, False)
        if cue is None and weapon in OBJECT_CLASSES:
            cue = _struck_object_cue(text, start, m.outcomes, m.clauses, anchors)
        if cue is None or cue.outcome not in ALLOWED_OUTCOMES.get(weapon, ()):
            continue
        if (
            weapon in OBJECT_CLASSES
            and cue.start >= end
            and cue.outcome == "damaged"
            and any(
                t.weapon in WEAPON_CLASSES and _OBJECT_GAP.fullmatch(text, cue.end, t.start)
                for t in m.things
                if t.start >= cue.end
            )
        ):
            continue  # "the patrol ship destroyed all four unmanned boats": the ship did it, nothing damaged it
        if weapon in OBJECT_CLASSES and _is_fire_clause(cue) and _GROUNDS_OF.search(text, 0, start):
            continue  # "обломки упали на территорию предприятия, возник пожар": where debris fell, not what burned
        if (
            cue.start >= end
            and any(
                b[0] > cue.end
                and b[4] in WEAPON_CLASSES
                and "," not in text[cue.end : b[0]]  # the cheaper test first
                and re.search(r"\b(?:with|using)\s+$", text[cue.end : b[0]], re.I)
                # "two were killed as Ukraine attacked the region with drones": "with" is the later verb's
                and not any(cue.end <= o.start and o.end <= b[0] for o in m.outcomes)
                for b in anchors
            )
        ):
            continue  # "Russian aircraft struck Kharkiv with two bombs": the carrier, not a thing that hit
        if (
            cue.outcome == "launched"
            and count is None
            and re.match(r"(?:been\s+|was\s+|were\s+)?attacked\s+by", cue.text, re.I)
        ):
            # "Kyiv attacked by drones": with no number, a strike on a place (the spec's "drones attacked Kyiv").
            cue = OutcomeCue(cue.start, cue.end, cue.text, "hit", "noun", None, False, False)
        if (
            cue.outcome == "hit"
            and count is not None
            and (count.value or 0) > 1
            and cue.start >= end
            and re.fullmatch(r"attacked|атаковал[аио]?|атакувал[аио]?|атакував", cue.text, re.I)
            # "296 UAVs of various types, mostly FPV drones, attacked": a complement and an aside between
            and re.fullmatch(
                r"(?:\s+(?:of|з|из)\s+[\w\s'’-]{1,40}?)?(?:\s*,[^,.;:]{1,60},)?\s*(?:had\s+|have\s+)?",
                text[end : cue.start],
            )
        ):
            # "28 drones attacked the capital": how many were sent, as "attacked it with 28 drones".
            cue = OutcomeCue(cue.start, cue.end, cue.text, "launched", "active", None, False, False)
        if (
            weapon in WEAPON_CLASSES
            and count is not None
            and cue.start >= end
            and _OF_THE_WHOLE.fullmatch(text[:start])
            and "," in text[end : cue.start]
        ):
            # "Of the 85 drones, 60 were shot down": the whole is what was sent ("N of M": launched M).
            cue = OutcomeCue(cue.start, cue.end, cue.text, "launched", "active", None, False, False)
        last_cue = cue
        if cue.is_negated or cue.is_non_event or (count is not None and count.value == 0):
            continue
        outcome = cue.outcome
        if (
            weapon in ("person", *OBJECT_CLASSES)
            and _ground_fire().search(clause_text)
            and not any(
                a[4] in WEAPON_CLASSES for a in anchors if _clause_of(a[0], m.clauses) == _clause_of(start, m.clauses)
            )
        ):
            continue  # "artillery shelling killed three civilians": not an aerial attack's toll
        clause_start, clause_end = m.clauses[_clause_of(start, m.clauses)]
        if outcome == "damaged" and lexicon.search(
            outcome_stems("repairs"), text, clause_start, clause_end if _OBLIQUE_PARTICIPLE.search(cue.text) else start
        ):
            # "восстановлено свыше 300 поврежденных домовладений", "власники пошкодженого житла можуть
            # подати заяву на компенсацію": repaired or paid for, damaged long before
            continue
        if count is None and _habitual().search(
            text[m.clauses[_clause_of(start, m.clauses)][0] : m.clauses[_clause_of(start, m.clauses)][1]]
        ):
            continue  # background ("is regularly targeted by drones"), not a report
        if (
            count is None
            and role == "strike_on"
            and thing is not None
            # the noun, not a model named after it ("ракетою «Іскандер-М»")
            and morphology.is_instrumental_singular(head_word(thing.text))
            and not is_mass_noun(thing.text.split()[-1])  # "высокоточным оружием": weapons, not one
        ):
            count = CountMention(thing.start, thing.start, "", 1, "exact")  # "удар КАБом по селу": one bomb
        if (
            count is None
            and outcome == "hit"
            and role is None  # not "the missile strike on Dnipro": the strike is the claim, not a missile
            and thing is not None
            and weapon in WEAPON_CLASSES
            and thing.determiner == "the"
            and cue.start >= end
            and _is_singular(thing)
        ):
            # "The drone hit a five-storey building": one drone struck; told before, it merges as a repeat
            count = CountMention(thing.start, thing.start, "", 1, "exact")
        if (
            count is None
            and thing is not None
            and thing.is_singular_object
            and thing.determiner not in ("these", "those")
            # "удар дрона" names the strike's kind; "удару КАБом", the instrumental singular, is one bomb
            and (not _after_strike_noun(text, thing) or morphology.is_instrumental_singular(head_word(thing.text)))
            # it stands in from before: no number of its own
            and role not in ("debris", "remainder", "object_hit", "repelled")
            # "обстріляли Миколаїв з РСЗВ «Ураган»": what they fired from, not one of what was fired
            and not (weapon in WEAPON_CLASSES and _FIRED_FROM.search(text, max(0, thing.start - 5), thing.start))
        ):
            count = CountMention(thing.start, thing.start, "", 1, "exact")
        if (
            count is None
            and thing is not None
            and cue.start >= end
            and re.fullmatch(r"[\s\u00a0»”\"']*", text[end : cue.start])  # 'ворожий «шахед» влучив'
            and morphology.is_singular_verb(cue.text.split()[0])
            and not _after_strike_noun(text, thing)
            and role != "repelled"  # "атака отражена": the verb agrees with the attack, not the things
        ):
            # "ворожий БпЛА влучив у будинок": the verb agrees with one thing (the noun may not show it).
            count = CountMention(thing.start, thing.start, "", 1, "exact")
        clause = _clause_of(start, m.clauses)
        # "..., Lutsk hit": a place with a verb of its own right after it is that verb's subject; one
        # after a preposition never is ("удара беспилотника по Белгороду пострадали трое").
        places_in_clause = [
            p
            for p in _places_for(anchor, anchors, m)
            if p.prep
            or not morphology.can_be_nominative(p.text.split()[-1])  # "Москву атаковали": the object
            or not any(
                o is not cue and 0 <= o.start - p.end <= 3 and "," not in text[p.end : o.start] for o in m.outcomes
            )
        ]
        # Where things came from is no claim's place, whatever the verb ("з напрямків Брянськ, Орел").
        places_in_clause = [p for p in places_in_clause if not _from_directions(text, p)]
        # "launched 510 drones and 12 missiles, most of them aimed at the capital": where a share of
        # them was sent is that share's target, not the whole's (a share shot down "over" places is a part there).
        if cue.outcome == "launched":
            places_in_clause = [p for p in places_in_clause if not _share_before(text, end, p)]
        place = _choose_place(start, end, cue, places_in_clause, text)
        if place is None and total_lead and totalled is not None:
            place = totalled.place  # "Всего за сегодня — 17.": where the figures it totals were
        if cue.outcome == "launched" and sentence_sites is None:
            sentence_sites = launch_sites(text, m.places)
        sites = sentence_sites if cue.outcome == "launched" else []
        if place is None and cue.outcome in ("launched", "hit"):
            # "attacked the south of Ukraine with 24 drones launched from Crimea": the target comes first;
            # so does one fronted before the verb of attack ("Харків атакували КАБами", "Харьков атакован",
            # "Київ під атакою дронів").
            clause_start = m.clauses[_clause_of(start, m.clauses)][0]
            fronted = _ATTACK_VERB.match(cue.text) is not None
            targets = [
                p for p in m.places
                if p.is_locative and clause_start <= p.start and p.end <= start and p.scope in ("region", "country")
                and p not in sites
                and (
                    lexicon.search_slice(_targeted(), text, 0, p.start)
                    or (fronted and not text[p.end : cue.start].strip())
                    or struck_after(text, p.end)
                )
            ]  # fmt: skip
            place = targets[-1] if targets else None
        if place is None:
            # "injured in Grayvoron, where an FPV drone attacked a minibus": "where" is the place before it
            clause_start = m.clauses[_clause_of(start, m.clauses)][0]
            relative = _WHERE.search(text, max(0, clause_start - 8), start)
            if relative:
                before = [p for p in m.places if p.is_locative and p.end <= relative.start() and p.region_code]
                if before and re.fullmatch(r"[\s,]*", text[before[-1].end : relative.start()]):
                    place = before[-1]
        if re.fullmatch(r"\s*of\s+(?:the\s+)?", text[:start], re.I):
            place = None  # "Of the 83 launched, 61 were shot down over X": X is where the 61 fell
        elif place is None and not is_list_item:
            # "fired 81 drones at Ukraine, and that 46 were shot down": one country named for the whole sentence.
            # One country, named or "the country" (which the claimant's side resolves later).
            national = [
                p
                for p in m.places
                if p.is_locative and p.scope == "country" and p not in sites and not is_heading(text, p)
            ]  # "five drones flew into Belarus": where some went, not where the others were counted
            countries = {p.country or "own" for p in national}
            regions_named = [p for p in m.places if p.is_locative and p.scope == "region"]
            if len(countries) == 1 and not regions_named:
                place = national[0]
        is_part = (
            role == "part"
            or bool(_OF_WHICH.match(text[end:]))
            or bool(_OF_WHICH_BEFORE.search(text, max(0, start - 60), start))  # "из них удалось сбить 103"
        )
        referring = count is not None and re.match(r"(?:all|both)\b", count.text, re.I)
        if place is None and (is_part or referring) and drafts:
            # "71 drones at Ukraine, 50 of which were downed": a part is where its whole was.
            place, places_in_clause = drafts[-1].place, drafts[-1].places_in_clause
        elif (
            place is None
            and thing is not None
            and (thing is context_thing or thing.end <= start)
            and count is not None
            and count.value
        ):
            # The noun is elided ("All 13 were shot down", "launched eight drones at Moscow; five were
            # shot down"): the things counted just before, so the place they were sent to.
            earlier = [*(previous or []), *drafts] if thing is context_thing else drafts
            same = [
                d for d in earlier
                if d.weapon == weapon and d.place is not None and d.count is not None
                and d.place.scope == "region"  # "fired 56 at the country ... 40 were shot down": no place
                and (d.count == count.value or d.outcome == "launched" and d.count > count.value)
            ]  # fmt: skip
            if same:
                place, places_in_clause = same[-1].place, same[-1].places_in_clause
        if (
            cue.outcome == "launched"
            and count is None
            and _ATTACK_VERB.match(cue.text)
            and (
                morphology.has_cyrillic(cue.text)
                or not any(a[2] is not None and a[2].value and a[4] in WEAPON_CLASSES for a in anchors)
            )
        ):
            # "атакували громаду ударними БпЛА": attacked with drones, no number - a strike, as in English.
            cue = OutcomeCue(cue.start, cue.end, cue.text, "hit", "noun", None, False, False)
            outcome = "hit"
        if (
            cue.outcome == "launched"
            and count is None
            and place is not None
            and (
                place.prep in _TARGET_PREPS
                or ATTACK_TARGET_BEFORE.search(text[: place.start])
                or _ATTACK_VERB.match(place.prep or "")  # "attacked Belgorod using drones"
            )
            and not any(a[2] is not None and a[2].value and a[4] in WEAPON_CLASSES for a in anchors)
        ):
            # "fired missiles at Kyiv", "launched an attack on Odesa with drones": with no number, a
            # strike on the place, as the spec reads "drones attacked Kyiv".
            cue = OutcomeCue(cue.start, cue.end, cue.text, "hit", "noun", None, False, False)
            outcome = "hit"
        time = _choose_time(start, m.times, m.clauses, text)
        source = _choose_source(text, start, m.claimants, m.clauses, m.outcomes)
        qualifier = count.qualifier if count else "unspecified"
        value = count.value if count else None
        if value is None:
            qualifier = "unspecified"
        second = (
            None if role == "whole" else _main_verb_after_participle(text, end, cue, m.outcomes, m.clauses, anchors)
        )
        if second is None and role != "whole":
            second = _main_verb_before_participle(text, start, end, cue, m.outcomes, anchors)
        # "shot down 12 rockets fired from Vampire launchers": where they came from describes them; what
        # was sent in all is not told (not so "all 15 ... launched from Crimea")
        described = (
            second is not None
            and (_FIRED_FROM_AFTER.match(text, cue.end) or _launched_by_launcher(text, cue.end))
            and not re.search(r"\ball\b", text[max(0, start - 12) : end], re.I)
        )
        if second is not None and not described:
            # "All 24 drones launched by Russia overnight were shot down": launched 24 and intercepted 24.
            # Where they were shot down is not where they were launched at, unless the text says "at".
            targets = [p for p in places_in_clause if p.prep in _TARGET_PREPS]
            drafts.append(
                Draft(
                    m.sentence,
                    start,
                    end,
                    count.value if count else None,
                    (count.qualifier if count and count.value is not None else "unspecified"),
                    count.text if count else None,
                    thing,
                    weapon,
                    thing.model if thing else None,
                    "launched",
                    cue.text,
                    targets[0] if targets else None,
                    targets,
                    time,
                    source,
                    m.is_hedged,
                    is_list_item,
                    clause,
                )
            )
        if second is not None:
            cue, outcome = second, second.outcome
        drafts.append(
            Draft(
                sentence=m.sentence,
                anchor_start=start,
                anchor_end=end,
                count=value,
                count_qualifier=qualifier,
                count_text=count.text if count else None,
                thing=thing,
                weapon=weapon,
                weapon_model=thing.model if thing else None,
                outcome=outcome,
                outcome_text=cue.text,
                place=place,
                places_in_clause=places_in_clause,
                time=time,
                source=source,
                is_hedged=m.is_hedged,
                is_list_item=is_list_item,
                clause=clause,
                extras={
                    "cue_start": cue.start,
                    "role": role,
                    "is_part": is_part,
                    # "Hits by ...", "влучання ...", "в результате удара": what happened, not who did it
                    "told_by_noun": cue.voice == "noun" or bool(_hit_nouns_pattern().fullmatch(cue.text)),
                },
            )
        )
    for part, whole in zip(drafts, drafts[1:], strict=False):
        # "17 out of 20 drones were destroyed over Kharkiv": the part is where its whole is.
        if part.extras.get("role") == "part" and part.place is None and whole.anchor_start >= part.anchor_end:
            part.place, part.places_in_clause = whole.place, whole.places_in_clause
    return _drop_people_breakdowns(_sum_coordinated_people(drafts))


# After a toll: who the people were ("five were injured: a man, 52, and four women", "151 injured, 82
# of them children", "из них двое детей") or how it grew ("after two more people sought help").
_PEOPLE_SUBSET_BETWEEN = re.compile(
    r":|\bof\s+them\b|\bamong\s+them\b|\bincluding\b|\bone\s+of\s+them\b|(?<![\w])(?:из\s+них|з\s+них|серед\s+них|"
    r"среди\s+них|в\s+том\s+числе|у\s+тому\s+числі|зокрема)(?![\w])",
    re.IGNORECASE,
)
# Between a bare figure and "damaged": "ще 4 пошкоджені", "two more were damaged", "three others were damaged".
_DAMAGED_GAP = re.compile(
    r"\s*(?:(?:more|others?|ещё|еще|ще)\s+)?(?:(?:were|was|are|is|have\s+been|had\s+been|got)\s+)?", re.IGNORECASE
)
_MORE_WORDS = r"more|another|ещё|еще|ще"
_MORE_BEFORE = re.compile(rf"(?<![\w])(?:{_MORE_WORDS})\s+$", re.IGNORECASE)


_MORE_AFTER = re.compile(r"\s+more(?![\w])", re.IGNORECASE)


# "destroyed 20 drones over Kursk, and 12 more drones over Belgorod", "і ще 12 дронів над ...":
# a coordinated item of more of the same, its verb gapped
_GAPPED_ITEM_BEFORE = re.compile(rf"(?:,|\s(?:and|и|і|та|а))\s+(?:(?:{_MORE_WORDS})\s+)?$", re.IGNORECASE)


def _gapped_more(text: str, start: int, weapon: str, anchors: list[tuple], between: list[tuple]) -> bool:
    """Things counted as more of those before them, in a clause of their own with the verb left out:
    the verb of the first item governs them over the items between."""
    if not any(a[4] == weapon for a in between):
        return False  # more of what? the same things counted before
    anchor = next((a for a in anchors if a[0] == start), None)
    return (
        anchor is not None
        and _adds_to_earlier(text, anchor)
        and _GAPPED_ITEM_BEFORE.search(text, max(0, start - 20), start) is not None
    )


def _adds_to_earlier(text: str, anchor) -> bool:
    """A figure told as more of one before it in the sentence ("three more", "another three", "ще три")."""
    count = anchor[2]
    if count is None or count.value is None:
        return False
    return bool(_MORE_AFTER.match(text, count.end) or _MORE_BEFORE.search(text, max(0, count.start - 10), count.start))


def _drop_people_breakdowns(drafts: list[Draft]) -> list[Draft]:
    """A sentence's later figures of the people a toll already counted, at no other place, are who
    they were or how the toll grew, not more people."""
    out: list[Draft] = []
    for draft in drafts:
        text = draft.sentence.text
        toll = next(
            (
                d for d in out
                if d.weapon == "person" and d.outcome == draft.outcome and d.count is not None
                and d.anchor_end <= draft.anchor_start
            ),
            None,
        )  # fmt: skip
        if (
            toll is not None
            and draft.weapon == "person"
            and draft.count is not None
            and draft.count < toll.count
            and (draft.place is None or draft.place == toll.place)  # "two in Pokrovsk": a part of its own
            and (
                _PEOPLE_SUBSET_BETWEEN.search(text, toll.anchor_end, draft.anchor_end + 12)
                or _MORE_BEFORE.search(text, max(0, draft.anchor_start - 10), draft.anchor_start)
                or re.search(r"\b(?:more|another)\b", text[draft.anchor_start : draft.anchor_end], re.I)
            )
        ):
            continue
        out.append(draft)
    # "one of the wounded died in hospital, bringing the death toll to three": the one is how the
    # toll grew, which the toll already counts
    tolls = [d for d in out if d.extras.get("role") == "toll" and d.count is not None and d.weapon == "person"]
    return [
        d
        for d in out
        if not any(
            d is not t
            and d.weapon == "person"
            and d.outcome == t.outcome
            and d.extras.get("role") != "toll"  # "rose from 17 to 21": both figures are told
            and d.count is not None
            and d.count < t.count
            and (
                (
                    _GREW_BY.search(d.sentence.text, max(0, d.anchor_start - 40), d.anchor_end)
                    and d.anchor_end <= t.anchor_start
                )
                # "the toll had risen to four after a woman died in hospital": the death it rose by
                or (
                    t.anchor_end <= d.anchor_start
                    and _GREW_AFTER.search(d.sentence.text, max(t.anchor_end, d.anchor_start - 20), d.anchor_start)
                )
            )
            and (d.place is None or d.place == t.place)
            for t in tolls
        )
    ]


# Before the death or injury a toll grew by, told after the toll: "after", "when", "після того як"
_GREW_AFTER = re.compile(
    r"(?<![\w])(?:after|when|following|після\s+того\s+як|после\s+того\s+как|коли|когда)\s+(?:[\w'’-]+\s+){0,2}$", re.I
)


# What the toll grew by: "one of the wounded", "two more residents", "ще одна", "a second person"
_GREW_BY = re.compile(
    rf"(?<![\w'’])(?:one\s+of\s+(?:the|them|whom)|a\s+second|один\s+из|одна\s+из|один\s+з|одна\s+з|{_MORE_WORDS})(?![\w'’])",
    re.I,
)


def _struck_object_cue(text: str, start: int, cues, clauses, anchors) -> OutcomeCue | None:
    """'A drone hit a cold storage facility, a sports complex and a train station': what a strike
    verb has as its object was damaged by it (the strike itself is the weapon's hit claim)."""
    clause = _clause_of(start, clauses)
    for cue in reversed(cues):
        if cue.outcome != "hit" or cue.end > start or cue.voice not in ("active", "either"):
            continue
        if _clause_of(cue.start, clauses) != clause or cue.is_negated or cue.is_non_event:
            continue
        first = min((a for a in anchors if a[0] >= cue.end), key=lambda a: a[0], default=None)
        if first is None or first[4] not in OBJECT_CLASSES:
            return None
        gap_ok = re.fullmatch(r"[\s\u00a0]*(?:into|in|on|at|у|в|по|на)?[\s\u00a0]*", text[cue.end : first[0]], re.I)
        list_end, several = _struck_objects(text, first, anchors)
        if gap_ok and list_end >= start and several:
            return OutcomeCue(cue.start, cue.end, cue.text, "damaged", "active", None, False, False)
        return None
    return _object_was_hit(text, start, cues, clauses, anchors)


def _struck_objects(text: str, first, anchors) -> tuple[int, bool]:
    """Where the list of things starting with `first` ends, and whether it names several things or a
    number of them. A single struck target ("a drone hit a car") is the strike's place, as the gold
    reads it; several, or a number of them ("struck an energy facility and two warehouses"), are
    damage. Anchors sharing a span (a thing and the strike on it) are one thing."""
    list_end = _end_of_coordinated_list(text, first[1], len(text), anchors)
    listed = {a[0] for a in anchors if first[0] <= a[0] and a[1] <= list_end and a[4] in OBJECT_CLASSES}
    counted = first[2] is not None and not first[2].is_article
    return list_end, len(listed) >= 2 or counted


_WAS_HIT_GAP = re.compile(
    r"[\s\u00a0]+(?:[\w-]+[\s\u00a0]+){0,8}?(?:was|were|been)[\s\u00a0]+(?:also[\s\u00a0]+)?", re.I
)


def _object_was_hit(text: str, start: int, cues, clauses, anchors) -> OutcomeCue | None:
    """'A warehouse and a metro station were hit': things named before a passive strike verb, several
    or counted, were damaged by it (a single one is the strike's place, as with the active verb)."""
    first = next((a for a in anchors if a[0] == start), None)
    if first is None or first[4] not in OBJECT_CLASSES:
        return None
    list_end, several = _struck_objects(text, first, anchors)
    if not several:
        return None
    for cue in cues:
        if cue.outcome != "hit" or cue.start < list_end or cue.is_negated or cue.is_non_event:
            continue
        if _clause_of(cue.start, clauses) != _clause_of(start, clauses):
            return None
        if _WAS_HIT_GAP.fullmatch(text, list_end, cue.start) and "," not in text[list_end : cue.start]:
            return OutcomeCue(cue.start, cue.end, cue.text, "damaged", "passive", None, False, False)
        return None
    return None


def _sum_coordinated_people(drafts: list[Draft]) -> list[Draft]:
    """'injuring a woman and her two teenage sons': one toll of three, not tolls of one and two."""
    out: list[Draft] = []
    for draft in drafts:
        before = out[-1] if out else None
        if (
            before is not None
            and draft.weapon == before.weapon == "person"
            and draft.outcome == before.outcome
            and None not in (_people_named(draft), _people_named(before))
            and _PEOPLE_JOINED.fullmatch(draft.sentence.text[before.anchor_end : draft.anchor_start])
        ):
            out[-1] = replace(
                before,
                anchor_end=draft.anchor_end,
                count=_people_named(before) + _people_named(draft),
                count_text=draft.sentence.text[before.anchor_start : draft.anchor_end],
            )
            continue
        out.append(draft)
    return out


def _people_named(draft: Draft) -> int | None:
    """How many people a toll's anchor names: its count, or one for a singular Russian or Ukrainian
    noun with none ("водитель", "16-річний хлопець")."""
    if draft.count is not None:
        return draft.count
    noun = draft.thing.text.split()[-1] if draft.thing is not None else ""
    if morphology.has_cyrillic(noun) and morphology.grammatical_number(noun) == "sing":
        return 1
    if draft.thing is not None and draft.thing.is_singular_object and not morphology.has_cyrillic(noun):
        return 1  # "a man and his wife": a singular English noun with no number is one person
    return None


@cache
def _remainder_pattern() -> re.Pattern[str]:
    return lexicon.phrase_pattern(lexicon.numbers()["remainder_words"])


@cache
def _ordinal_one() -> re.Pattern[str]:
    """Article words that stand for one more of the things just counted on their own ("the third hit a
    dormitory", "another was shot down", "the other in Cahul district"), unlike "a"."""
    words = [w for w in lexicon.numbers()["article_words"] if w.lower() not in ("a", "an", "one", "single")]
    return lexicon.phrase_pattern(words)


@cache
def _ground_fire() -> re.Pattern[str]:
    words = lexicon.outcomes()["ground_fire"]
    latin = lexicon.phrase_pattern(w for w in words if not morphology.has_cyrillic(w)).pattern
    stems = "|".join(re.escape(w) for w in words if morphology.has_cyrillic(w))
    return re.compile(rf"{latin}|(?<![\w])(?:{stems})\w*", re.IGNORECASE)


def _is_fire_clause(cue: OutcomeCue) -> bool:
    """A fire told in a clause of its own ("..., виникла пожежа", "..., a fire broke out"): the cues
    outcomes.yml marks `own_clause`."""
    return lexicon.normalise(cue.text) in _fire_clause_cues()


@cache
def _targeted() -> re.Pattern[str]:
    """A verb of striking right before its target ("attacked the south of", "pounded")."""
    verbs = lexicon.alternatives(sorted({"struck", "strike", "targeted", *ATTACKING_VERBS}, key=len, reverse=True))
    return re.compile(rf"\b(?:attack\w*|{verbs})\s+(?:the\s+)?(?:\w+\s+of\s+)?$", re.I)


@cache
def _fire_clause_cues() -> frozenset[str]:
    cues = lexicon.marked_cues("damaged", "own_clause")
    return frozenset(lexicon.normalise(f) for c in cues for f in morphology.forms_of(c))


# The grounds of a site, right before its name: "на территорию предприятия", "on the territory of".
_GROUNDS_OF = re.compile(r"(?:территори\w*|територі\w*|territory\s+of(?:\s+an?|\s+the)?)\s+(?:\w+\s+){0,2}$", re.I)
# "пошкодженого житла", "поврежденных домов": damage as a thing's attribute in an oblique case, the
# object of another verb (of repair or payment), never the predicate that reports it.
_OBLIQUE_PARTICIPLE = re.compile(r"(?:ого|ому|их|ых|им|ым|ими|ыми|ої|ою)$", re.I)


@cache
def outcome_stems(name: str) -> re.Pattern[str]:
    """A list of outcomes.yml whose words are stems ("repairs", "treatment"), any ending after them."""
    return re.compile(rf"(?<![\w])(?:{'|'.join(re.escape(w) for w in lexicon.outcomes()[name])})\w*", re.I)


_BETWEEN_SUBJECT_AND_VERB = re.compile(r"\s+(?:(?:have|had|has|also|reportedly|then|later|ще|также|також)\s+)*")


_BY = re.compile(r"\s+by\s+")


def _damaged_by(text: str, start: int, cues: list[OutcomeCue]) -> bool:
    """A weapon as the agent of a passive damage verb ("was damaged by a kamikaze drone")."""
    return any(c.outcome == "damaged" and not c.is_negated and _BY.fullmatch(text, c.end, start) for c in cues)


def _damage_verb_after(text: str, end: int, cues: list[OutcomeCue]) -> bool:
    """An active damage verb right after a weapon noun: the weapon is its subject."""
    gap = _BETWEEN_SUBJECT_AND_VERB.match(text, end)
    return gap is not None and any(
        c.start == gap.end() and c.outcome == "damaged" and c.voice != "passive" and not c.is_negated for c in cues
    )


@cache
def _after_number_pattern(table: str) -> re.Pattern[str]:
    """Every form of a weapons.yml noun list (`counted_targets`, `counted_units`) right after a number."""
    nouns = lexicon.weapons()[table]
    forms = _noun_forms(nouns) | {noun + "s" for noun in nouns if not morphology.has_cyrillic(noun)}  # "targets"
    return re.compile(rf"(?<=\d\s)(?:{lexicon.alternatives(sorted(forms, key=len, reverse=True))})(?![\w-])", re.I)


def _listed_before(text: str, start: int, things: list[ThingMention]) -> list[ThingMention]:
    """The things named earlier in the clause (since the last full stop or semicolon) than `start`."""
    clause_start = max((m.end() for m in re.finditer(r"[.;]\s", text[:start])), default=0)
    return [t for t in things if clause_start <= t.start < start]


def _class_of_the_list(text: str, start: int, things: list[ThingMention]) -> str:
    """The one class of the weapons named earlier in the clause, else other."""
    classes = {t.weapon for t in _listed_before(text, start, things) if t.weapon not in OBJECT_CLASSES}
    return classes.pop() if len(classes) == 1 else "other"


def _counted_targets(text: str, things: list[ThingMention]) -> list[ThingMention]:
    """Nouns of weapons.yml `counted_targets` right after a number: air targets (class other);
    of `counted_units`: as many of the weapons just listed."""
    added = [
        ThingMention(m.start(), m.end(), m.group(0), "other", None, None, True, None)
        for m in _after_number_pattern("counted_targets").finditer(text)
        if not _inside_any(m.start(), m.end(), things)
    ]
    for m in _after_number_pattern("counted_units").finditer(text):
        if _inside_any(m.start(), m.end(), things):
            continue
        weapon = _class_of_the_list(text, m.start(), things)
        added.append(ThingMention(m.start(), m.end(), m.group(0), weapon, None, None, True, None))
        # the weapons listed, uncounted, are those the units count: one thing, not two
        listed = [t for t in _listed_before(text, m.start(), things) if t.weapon == weapon]
        things = [t for t in things if t not in listed]
    if not added:
        return things
    # "44 повітряні об'єкти": air targets, not the facility the noun alone would be
    kept = [t for t in things if not _inside_any(t.start, t.end, added)]
    return sorted([*kept, *added], key=lambda t: t.start)


def _fired_from_the_ground(text: str, start: int) -> bool:
    """A ground-fire word is the adjective right before a weapon noun."""
    before = text[max(0, start - 30) : start]
    word = re.search(r"([\w-]+)\s+$", before)
    return word is not None and _ground_fire().fullmatch(word.group(1)) is not None


@cache
def _habitual() -> re.Pattern[str]:
    return lexicon.phrase_pattern(lexicon.outcomes().get("habitual", []))


# A time word a launch participle may take before where it came from ("launched overnight by Russia",
# "fired earlier from Crimea").
_TIME_BEFORE_ORIGIN = r"\s*(?:(?:overnight|last\s+night|earlier|today|on\s+\w+|at\s+night|in\s+the\s+night)\s+)?"
_FIRED_FROM_AFTER = re.compile(_TIME_BEFORE_ORIGIN + r"(?:from|из|с|со|з|із)(?!\w)", re.I)
_LAUNCHED_BY = re.compile(_TIME_BEFORE_ORIGIN + r"by\s+(?:the\s+)?", re.I)
# A launch participle's phrase of origin ("launched by HIMARS", "fired from Crimea", "выпущенных из РСЗВ").
_ORIGIN_AFTER = re.compile(_TIME_BEFORE_ORIGIN + r"(?:by|from|из|с|со|з|із)(?!\w)", re.I)
# ... or of its target ("launched by Russia", "fired at Kyiv", "по Харкову").
_ORIGIN_OR_TARGET_AFTER = re.compile(_TIME_BEFORE_ORIGIN + r"(?:by|from|at|against|из|с|со|з|із|по)(?!\w)", re.I)


def _describes_another(text: str, cue: OutcomeCue, start: int, end: int, anchors) -> bool:
    """A launch participle right after another counted thing, with where it came from ("11 rockets
    launched by HIMARS"), says what that thing was: no verb of a list's other items."""
    if cue.outcome != "launched" or not _ORIGIN_AFTER.match(text, cue.end):
        return False
    owner = [a for a in anchors if a[1] <= cue.start and re.fullmatch(r"[\s,]*", text[a[1] : cue.start])]
    return bool(owner) and owner[-1][0] != start and not (owner[-1][0] <= start < owner[-1][1])


def _launched_by_launcher(text: str, cue_end: int) -> bool:
    """'11 rockets launched by HIMARS systems': by a launcher, which describes them as 'fired from'
    does; 'launched by Russia' names the side that sent them."""
    by = _LAUNCHED_BY.match(text, cue_end)
    return by is not None and _side_name().match(text, by.end()) is None


@cache
def _side_name() -> re.Pattern[str]:
    agents = lexicon.attribution()["agents"]
    return lexicon.phrase_pattern([n for side in ("RU", "UA", "enemy") for n in agents[side]])


# Between a verb and the item of its list it governs: other items, commas and "and", and what an item
# was launched from ("11 rockets launched by HIMARS systems and 96 drones").
_LIST_BETWEEN = re.compile(r"(?:,?\s*\w+\s+(?:by|from|из|с|со|з|із)\s[^,;:.]*?)?[\s,]*(?:(?:and|и|і|та|й)\s+)?", re.I)


def _main_verb_before_participle(text, start, end, cue, cues, anchors=()) -> OutcomeCue | None:
    """'shot down all 15 Shahed drones launched by Russia', 'shot down four bombs and 11 rockets
    launched by HIMARS': the verb before the things (or before the list they end), then a launch
    participle after them ('launched by', 'fired from')."""
    if cue is None or cue.outcome != "launched" or cue.start < end or cue.start - end > 25:
        return None
    if any(end <= a[0] < cue.start for a in anchors):
        return None  # "shot down four bombs and 11 rockets launched by ...": the participle is the next item's
    if not _ORIGIN_OR_TARGET_AFTER.match(text, cue.end):
        return None
    earlier = [
        o for o in cues
        if o.end <= start and o.outcome == "intercepted"
        and (
            re.fullmatch(r"\s*(?:all\s+(?:of\s+the\s+)?|the\s+)?", text[o.end : start], re.I)
            or _items_between(text, o.end, start, anchors)
        )
    ]  # fmt: skip
    return earlier[-1] if earlier else None


def _items_between(text: str, start: int, end: int, anchors) -> bool:
    """Whether only items of one list (things counted, commas, "and") stand between two points."""
    items = sorted((a[0], a[1]) for a in anchors if start <= a[0] and a[1] <= end)
    if not items:
        return False
    position = start
    for item_start, item_end in items:
        if not _LIST_BETWEEN.fullmatch(text, position, item_start):
            return False
        position = max(position, item_end)
    return _LIST_BETWEEN.fullmatch(text, position, end) is not None


def _main_verb_after_participle(text, end, cue, cues, clauses, anchors) -> OutcomeCue | None:
    """A launch participle right after the thing, then the sentence's own verb further on."""
    if cue is None or cue.outcome != "launched" or cue.start < end or cue.start - end > 40:
        return None
    clause = _clause_of(end, clauses)
    for later in cues:
        if any(cue.end <= a[0] < later.start for a in anchors):
            break  # "Of 145 drones launched, 98 were shot down": the later verb has its own count
        if (
            later.start > cue.end
            and later.outcome in ("intercepted", "hit")
            and not (later.is_non_event or later.is_negated)  # "without saying whether any had been intercepted"
            and _clause_of(later.start, clauses) == clause
            and re.search(r"\b(?:were|was|had\s+been|have\s+been)\s+(?:\w+\s+)?$", text[cue.end : later.start])
        ):
            return later
    return None


_ITEM_SEPARATOR = re.compile(r"[,:;]")
# nothing but a bullet, or a settlement abbreviation, before a line's place
_HEADING_PLACE = re.compile(rf"[\s\u00a0•▪️🔹·*–—-]*(?:{SETTLEMENT_PREFIX})?")
# "Обухівський район:", "м. Суми — ...", "Краснопільська громада:", "Khotin community:"
_HEADING_COLON = re.compile(
    r"(?:[\s\u00a0]+(?:(?:міська|сільська|селищна|територіальна|городской|муниципальный)[\s\u00a0]+)*"
    r"(?:громада|hromada|community|district|raion|район|округ|municipality|ОТГ|ТГ|р-н))?"
    r"[\s\u00a0]*(?::|[—–-]\s)",
    re.I,
)
# "над Курской — 11", "над Черным морем — еще 28", "over Kursk: another 5", "по 4"
_OPENS_ITEM = re.compile(
    r"[\s\u00a0]*(?:[-–—:][\s\u00a0]*(?:(?:еще|ещё|ще|another)[\s\u00a0]+)?(?:по[\s\u00a0]+)?|по[\s\u00a0]+)", re.I
)
# "..., у Чорноморську дрони влучили в порт": a place after a comma, right before the next thing or
# figure, opens that item as a dash does
_OPENS_ITEM_OR_CLAUSE = re.compile(rf"[\s\u00a0]+|{_OPENS_ITEM.pattern}", re.I)
_PLACES_JOINED = re.compile(r"\s*(?:,\s*)?(?:(?:and|и|і|та|й)\s+)?(?:the\s+)?", re.I)


def _places_for(anchor, anchors, m: SentenceMentions) -> list[PlaceMention]:
    """The places an anchor can take: those in its own stretch of the clause (up to the next
    anchor: "27 over Rostov, eight over Bryansk"), else those before the clause's first anchor
    ("Volgograd Oblast followed closely, with 19 drones shot down")."""
    start = anchor[0]
    clause = _clause_of(start, m.clauses)
    clause_start, clause_end = m.clauses[clause]
    same_clause = [a for a in anchors if _clause_of(a[0], m.clauses) == clause]
    # What a weapon struck ("hit a residential building in Kramatorsk") does not end the weapon's stretch.
    later = [a[0] for a in same_clause if a[0] > start and not (anchor[4] in WEAPON_CLASSES and a[4] in OBJECT_CLASSES)]
    segment_end = min(later) if later else clause_end
    located = [p for p in m.places if p.is_locative]
    text = m.sentence.text
    # "о 88 сбитых над Россией беспилотниках, 31 из которых ...": a place inside the figure's own phrase
    inner = [p for p in located if start < p.start and p.end <= anchor[1]]
    if inner:
        return inner
    # "над Брянской — 231, над Курской — 198", "уничтожены 4 БПЛА, над Ярославской - 2": a place
    # right before an item's figure and a dash opens that item, whichever clause it stands in.
    previous_end = max((a[1] for a in anchors if a[1] <= start), default=None)
    if previous_end is not None:
        before = [p for p in located if previous_end <= p.start < start]
        if (
            before
            and _ITEM_SEPARATOR.search(text, previous_end, before[0].start)
            and _OPENS_ITEM_OR_CLAUSE.fullmatch(text, before[-1].end, start)
        ):
            group = [before[-1]]  # ", над Тверской и Ярославской - по 2": all the places opening it
            for place in reversed(before[:-1]):
                if not _PLACES_JOINED.fullmatch(text, place.end, group[0].start):
                    break
                group.insert(0, place)
            return group
    own = [p for p in located if start <= p.start < segment_end]
    next_start = min((a[0] for a in anchors if own and a[0] >= own[-1].end), default=None)
    if own and next_start is not None and _OPENS_ITEM_OR_CLAUSE.fullmatch(text, own[-1].end, next_start):
        # so a place after this item's comma, right before the next figure or thing, is not this item's
        own = [
            p
            for p in own
            if not (
                _ITEM_SEPARATOR.search(text, anchor[1], p.start) and not _ITEM_SEPARATOR.search(text, p.end, next_start)
            )
        ]
    if own and anchor[4] in WEAPON_CLASSES:
        # "атакували Україну 22 ракетами та 464 дронами, тоді в Києві загинули семеро": a place after a
        # comma that opens another verb's phrase is that verb's
        own = [
            p
            for p in own
            if not _before_other_verb(text, anchor[1], p, m.outcomes, segment_end)
            and not _after_other_verb(text, anchor[1], p, m.outcomes, anchors)
        ]
    if own:
        return own
    shared = _place_after_coordinated_list(text, anchor, same_clause, located, clause_end)
    if shared:
        return shared
    # "struck energy facilities in the Odessa region with Geran-2 drones": the object is no boundary.
    first = min(
        a[0] for a in same_clause if a[0] == start or not (anchor[4] in WEAPON_CLASSES and a[4] in OBJECT_CLASSES)
    )
    prefix = [p for p in located if clause_start <= p.start < first]
    if prefix:
        return prefix
    heading = [
        p
        for p in located
        if p.end <= start and _HEADING_PLACE.fullmatch(text[: p.start]) and _HEADING_COLON.match(text, p.end)
    ]
    if heading:
        return heading[:1]  # "Обухівський район: пошкоджено склад", "- Kharkiv: two injured": the line's place
    earlier = [p for p in located if p.end <= start]
    if (
        _adds_to_earlier(text, anchor)
        and earlier
        and not any(_PLACES_JOINED.fullmatch(text, p.end, earlier[-1].start) for p in earlier[:-1])
    ):
        # "shot down 11 drones over Belgorod, and three more were suppressed": more of the same, at the
        # one place told before (not at each of a list's places)
        return earlier[-1:]
    if anchor[4] in ("person", *OBJECT_CLASSES):
        # "A bomb hit a building in Kramatorsk, killing a man", "crashed in Wyryki, damaging a house":
        # the toll and the damage are where the strike was.
        earlier = [p for p in located if clause_start <= p.start < start and p.scope == "region"]
        if earlier:
            return earlier[-1:]
    if len(same_clause) == 1:
        in_clause = [p for p in located if clause_start <= p.start < clause_end]
        if in_clause or anchor[4] not in ("person", *OBJECT_CLASSES):
            return in_clause  # a toll or damage alone in a clause with no place goes on to the sentence's
    # "launched 800 bombs and 500 drones over Ukraine": a place after coordinated things is theirs.
    # A shared trailing place comes after the last thing listed ("800 bombs and 500 drones over Ukraine"),
    # not inside a later item ("..., 12 S-300s against Kharkiv region, and 15 Kh-59s").
    # A weapon's list ends before the tolls and damaged things its verb brings ("Bombs and missiles
    # struck the centre of Kharkiv, injuring 28 people": the place is both weapons').
    listed = [a for a in same_clause if not (anchor[4] in WEAPON_CLASSES and a[4] not in WEAPON_CLASSES)]
    last_anchor = max(a[0] for a in listed)
    trailing = [p for p in located if max(start, last_anchor) < p.start < clause_end]
    ordered = sorted(listed, key=lambda a: (a[0], a[1]))
    text = m.sentence.text
    list_end = _end_of_coordinated_list(text, anchor[1], clause_end, listed)
    shared_verb = [o for o in m.outcomes if list_end <= o.start and (not trailing or o.end <= trailing[0].start)]
    # What the strike did after the place ("..., injuring 28 people") is not another verb of the list.
    own_cues = [o for o in m.outcomes if not (anchor[4] in WEAPON_CLASSES and o.outcome in _AFTERMATH)]
    if (
        trailing
        and list_end >= max(a[1] for a in listed)
        and shared_verb
        and not any(trailing[0].end <= o.start < clause_end for o in own_cues)
    ):
        # "Three houses, two garages and a shop were damaged in Kherson": the list, its one verb and
        # then the place; the place is every item's.
        return _coordinated_group(text, trailing)
    if any("," in text[a[1] : b[0]] for a, b in zip(ordered, ordered[1:], strict=False)):
        trailing = []  # a comma-separated list: a place after its last item is that item's own
    if trailing and not any(p.start < segment_end for p in trailing):
        # Only across coordinated things, not into another verb's phrase ("32 drones, 28 of which were
        # destroyed over Kharkiv" leaves the 32 without a place).
        between = [a for a in anchors if start < a[0] < trailing[0].start and a[2] is not None]
        own_verb_after = any(trailing[0].end <= o.start < clause_end for o in m.outcomes)  # "..., Lutsk hit"
        if not own_verb_after and not any(a[1] <= o.start < trailing[0].start for a in between for o in m.outcomes):
            return _coordinated_group(m.sentence.text, trailing)
        if not own_verb_after and anchor[4] == "person" and all(a[4] == "person" for a in between):
            return _coordinated_group(m.sentence.text, trailing)  # "21 killed and 110 injured in Belgorod"
    if anchor[4] in ("person", *OBJECT_CLASSES):
        # "Drones attacked Odesa: an office building was damaged, a woman was hurt", "34 were killed
        # when two missiles struck the centre of Sumy": the toll and the damage of a clause with no
        # place are where the sentence's one region was struck.
        sites = launch_sites(m.sentence.text, located)
        elsewhere = [p for p in located if p.scope == "region" and p not in sites]
        if len({p.region_code for p in elsewhere}) == 1:
            earlier = [p for p in elsewhere if p.start < clause_start]
            return (earlier or elsewhere)[-1:]
    return []


def _before_other_verb(text: str, anchor_end: int, place: PlaceMention, outcomes, segment_end: int) -> bool:
    """Whether `place` comes after a comma and before a finite verb of aftermath in the anchor's
    stretch ("..., тоді в Києві загинули семеро"; not "..., in Florești district, damaging a roof",
    where the place is still the strike's)."""
    return "," in text[anchor_end : place.start] and any(
        place.end <= o.start < segment_end and o.outcome in _AFTERMATH and not o.text.lower().endswith("ing")
        for o in outcomes
    )


def _after_other_verb(text: str, anchor_end: int, place: PlaceMention, outcomes, anchors) -> bool:
    """Whether another thing and its verb stand between a comma after the anchor and `place`
    ("уничтожены 23 беспилотника, еще три катера поражены в северо-западной части Черного моря"):
    the place is that verb's."""
    comma = text.find(",", anchor_end, place.start)
    if comma < 0:
        return False
    thing_start = min((a[0] for a in anchors if comma < a[0] < place.start), default=None)
    return thing_start is not None and any(
        thing_start < o.start and o.end <= place.start and not o.text.lower().endswith("ing") for o in outcomes
    )


def _coordinated_group(text: str, places: list[PlaceMention]) -> list[PlaceMention]:
    """The first place and those listed with it ('in Kharkiv and Sumy regions')."""
    group = places[:1]
    for place in places[1:]:
        between = text[group[-1].end : place.start]
        # "the village of Kivsharivka in Kharkiv region": a region right after a place the gazetteer lacks
        # locates it (the claim takes the resolved one).
        locates = not group[-1].is_resolved and place.scope == "region" and _LOCATES_UNRESOLVED.fullmatch(between)
        if not locates and not re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?", between):
            break
        group.append(place)
    return group


_LOCATES_UNRESOLVED = re.compile(r"\s*,\s*|\s+(?:in|near|of)\s+(?:the\s+)?|\s+(?:в|у|во|на)\s+", re.I)


def _anchors(m: SentenceMentions, context_thing: ThingMention | None):
    """(start, end, count, thing, weapon, is_list_item, is_whole) for every counted or named thing."""
    text = m.sentence.text
    anchors = []
    used_counts: set[int] = set()
    for thing in m.things:
        count = _count_for(text, thing, m.counts, m.outcomes)
        if count is None and thing.weapon in WEAPON_CLASSES and (strikes := _strikes_counted_before(text, thing, m)):
            # "2 удари КАБами", "4 атаки FPV-дронами", "понад 40 атак FPV-дронів": so many strikes by
            # the weapon, each a hit
            used_counts.add(strikes.start)
            anchors.append((strikes.start, thing.end, strikes, thing, thing.weapon, False, "strike_on"))
            continue
        if count is None and thing.weapon in WEAPON_CLASSES and (times := _times_attacked_with(m, thing)):
            # "attacked the district with drones 14 times", "11 раз атаковал FPV-дронами": so many
            # strikes by the one weapon of the clause, each a hit
            used_counts.add(times.start)
            anchors.append((thing.start, thing.end, times, thing, thing.weapon, False, "strike_on"))
            continue
        if count is not None:
            used_counts.add(count.start)
        if count is None and thing.determiner in ("these", "those", "such", "this", "that"):
            continue  # a thing mentioned before, not a new claim
        if count is None and _NONE_BEFORE.search(text, max(0, thing.start - 30), thing.start):
            continue  # "no drone fragments had been found", "жодного дрона": none of them
        if count is None and lexicon.search_slice(_REFERRED_BACK, text, 0, thing.start):
            continue  # "the downed drone": the drone of a claim already made
        if thing.weapon in WEAPON_CLASSES and _fired_from_the_ground(text, thing.start):
            continue  # "18 артиллерийских снарядов", "мінометних снарядів": shells of guns, not of the air
        if lexicon.search_slice(_LAUNCH_PLATFORM_BEFORE, text, max(0, thing.start - 40), thing.start):
            continue  # "rockets fired from a Vampire launcher", "missiles launched from Tu-95 bombers"
        subset = (
            lexicon.search_slice(_SUBSET, text, max(0, thing.start - 40), count.start if count else thing.start)
            or (
                thing.weapon == "person"
                and (
                    _SUBSET_AFTER.match(text[thing.end :])
                    # "a girl and a 74-year-old woman were among the wounded": both of those counted
                    or any(
                        t.weapon == "person"
                        and _AND_NEXT.fullmatch(text, thing.end, t.start)
                        and _SUBSET_AFTER.match(text[t.end :])
                        for t in m.things
                        if t.start > thing.end
                    )
                    # "Among the wounded were a 6-year-old boy and his mother": the mother too
                    or any(
                        t.weapon == "person"
                        and _PEOPLE_JOINED.fullmatch(text, t.end, thing.start)
                        and lexicon.search_slice(_SUBSET, text, max(0, t.start - 40), t.start)
                        for t in m.things
                        if t.end <= thing.start
                    )
                )
            )
        )
        if subset and (count is None or thing.weapon == "person"):
            continue  # "including Shahed drones", "including three children": part of a claim already made
        dash = _LAST_DASH.search(text, max(0, thing.start - 80), thing.start)
        if (
            thing.weapon == "person"
            and count is None
            and dash is not None
            and (
                any(a[4] == "person" and a[2] is not None and a[1] <= dash.start() for a in anchors)
                # "пострадавших двое — женщина и ее сын": a toll's figure right before the dash
                or any(
                    c.value
                    and c.end <= dash.start()
                    and not text[c.end : dash.start()].strip()
                    and any(o.outcome in ("injured", "killed") and 0 <= c.start - o.end <= 20 for o in m.outcomes)
                    for c in m.counts
                )
            )
        ):
            continue  # "Двоє мешканців травмовані – жінка та її син": the two, named after a dash
        if thing.weapon == "person" and any(
            t.weapon == "person"
            and _APPOSITION.fullmatch(text, t.end, count.start if count else thing.start)
            and not _own_other_toll(m.outcomes, t, thing)
            for t in m.things
            if t.end <= thing.start
        ):
            continue  # "wounding the driver, a 46-year-old man": one person named twice
        if thing.weapon == "person" and count is not None and _says_whose(text, count, m.things):
            continue  # "four members of one family": whose they are, not more people
        if count is None and thing.weapon in WEAPON_CLASSES and _recorded_hits_of(m, thing):
            # "Удары дронов зафиксированы в Житомирской области", "прилёты «Гераней» зафиксированы в
            # ...": strikes of the weapon recorded at a place, how many not said
            anchors.append((thing.start, thing.end, None, thing, thing.weapon, False, "strike_on"))
            continue
        compound = _COMPOUND_NOUN.match(text[thing.end :])
        modifier_end = thing.end
        partner = next(
            (t for t in m.things if t.start > thing.end and _MODIFIERS_JOINED.fullmatch(text[thing.end : t.start])),
            None,
        )
        uncounted = count is None or not count.value or count.is_article
        if not compound and partner is not None and thing.weapon in WEAPON_CLASSES and uncounted:
            # "a drone and missile attack against Kyiv": both weapons modify the one attack noun.
            compound = _COMPOUND_NOUN.match(text[partner.end :])
            modifier_end = partner.end if compound else thing.end
        if (
            compound
            and count is not None
            and count.value
            and not count.is_article
            and thing.weapon in WEAPON_CLASSES
            and _COUNTED_STRIKES.match(compound.group(0))
            and not lexicon.search_slice(_RANKED_ATTACK, text, max(0, count.start - 60), count.start)
        ):
            # "3 KAB strikes", "40 FPV drone attacks": so many strikes by the weapon, each a hit
            used_counts.add(count.start)
            anchors.append((count.start, modifier_end + compound.end(), count, thing, thing.weapon, False, "strike_on"))
            continue
        if compound:
            target = _ATTACK_ON.match(text[modifier_end:])
            # "a drone strike": the article counts the strike, not the drones.
            if (
                target
                and (count is None or count.is_article or not count.value)
                and thing.weapon in WEAPON_CLASSES
                and any(p.is_locative and 0 <= p.start - (modifier_end + target.end()) <= 45 for p in m.places)
                and not lexicon.search_slice(_RANKED_ATTACK, text, max(0, thing.start - 60), thing.start)
            ):
                # "a drone strike on Shebekino": a strike on a place with no number is a hit.
                anchors.append((thing.start, thing.end, None, thing, thing.weapon, False, "strike_on"))
                if count is not None:
                    used_counts.add(count.start)
            elif (
                (count is None or count.is_article)
                and thing.weapon in WEAPON_CLASSES
                and _ONE_ATTACK.match(text[thing.end :])
                and any(o.outcome in _AFTERMATH and not (o.is_negated or o.is_non_event) for o in m.outcomes)
                and any(p.is_locative and p.scope == "region" for p in m.places)
            ):
                # "a fire broke out at the refinery after a drone attack": one attack that did something
                # at a place is a hit there, with no number.
                anchors.append((thing.start, thing.end, None, thing, thing.weapon, False, "strike_on"))
            continue  # "missile strikes", "drone attacks": the events, not things counted
        start = count.start if count is not None and count.start < thing.start else thing.start
        end = max(thing.end, count.end if count else thing.end)
        # "all of them were shot down, including six Kinzhals": a counted part of the figure before it.
        if (
            (count is None or count.is_article)
            and thing.weapon in WEAPON_CLASSES
            and (_damage_verb_after(text, thing.end, m.outcomes) or _damaged_by(text, start, m.outcomes))
            and thing.determiner not in REFERRING_DETERMINERS  # "the missile": told before
        ):
            # "drones damaged five houses", "ракети пошкодили підстанцію": they struck, a hit with no
            # number; "a drone damaged a house", "a barn was damaged by a drone": one drone struck
            # ("a Kinzhal strike destroyed ...": one strike, no number of missiles)
            attack = _ONE_ATTACK.match(text[thing.end :]) or _ATTACK_NOUN_END.search(thing.text)
            one = count if count is not None and not attack else None
            anchors.append((start, end, one, thing, thing.weapon, False, "strike_on"))
            continue
        if (
            count is not None
            and count.start < thing.start
            and _OF_THEM_BEFORE.search(text, max(0, count.start - 24), count.start)
            and any(a[2] is not None and a[1] <= count.start and a[4] == thing.weapon for a in anchors)
            and not any(o.start >= count.end for o in m.outcomes)
        ):
            # "39 ракетами, з них 31 балістична": a part of the figure just given, by its kind, with
            # no verb of its own
            anchors.append((start, end, count, thing, thing.weapon, True, "part"))
            continue
        anchors.append((start, end, count, thing, thing.weapon, bool(subset)))
    anchors = _strikes_on_places(m, anchors)
    anchors = _strike_reports(m, anchors)
    anchors = _drops_from_drones(m, anchors)
    repelled = _repelled_attacks(m, context_thing, anchors)
    if repelled:
        # "a missile attack on the city was repelled": stopped, so not a strike on the city.
        anchors = [a for a in anchors if not (len(a) == 7 and a[6] == "strike_on")] + repelled
    # "Debris hit a building": the debris of a thing named before, a hit with no number.
    for match in _debris_word().finditer(text):
        attached = [
            t
            for t in m.things
            if _DEBRIS_OF.fullmatch(text[match.end() : t.start])
            or 0 <= match.start() - t.end <= 2
            or (0 < t.start - match.end() < 60 and _is_debris_of(text, t.start))
        ]  # "debris of a downed drone", "drone debris", "обломки БПЛА": the thing is named; else it was before
        if attached:
            continue
        previous = [t for t in m.things if t.end <= match.start() and t.weapon in WEAPON_CLASSES]
        stand_in = previous[-1] if previous else context_thing
        if stand_in is not None and stand_in.weapon in WEAPON_CLASSES:
            # "влучання 9 ракет та 51 БпЛА ..., а також падіння уламків": debris of both kinds named before
            weapon = "other" if len({t.weapon for t in previous}) > 1 else stand_in.weapon
            anchors.append((match.start(), match.end(), None, stand_in, weapon, False, "debris"))
    tolls = _tolls(m, anchors, used_counts)
    tolls += _running_tallies(m, anchors + tolls, used_counts | {a[2].start for a in tolls})
    used_counts.update(a[2].start for a in tolls)  # "загиблих уже семеро": the toll's, no other claim's
    tallied = {id(a[3]) for a in tolls if a[3] is not None}  # "число сбитых беспилотников": the tally's thing
    anchors = [a for a in anchors if not (a[2] is None and id(a[3]) in tallied)]
    anchors.extend(tolls)
    anchors.extend(_all_of_them(m, anchors, context_thing))
    anchors.extend(_objects_hit(m, anchors, context_thing))
    anchors.extend(_hits_recorded(m, anchors, context_thing))
    anchors.extend(_casualties_exist(m, anchors))
    anchors.extend(_the_rest(m, anchors, context_thing))
    last_thing = context_thing
    wholes: set[int] = set()  # things that are the whole of an "N of M" ("12 out of 13 drones")
    for count in m.counts:
        if count.start in used_counts or (count.value is None and not _vague_toll(text, count, m.outcomes)):
            continue
        if count.is_article and not _ordinal_one().fullmatch(count.text):
            continue
        if (
            _BOTH.fullmatch(count.text)
            and any(c.value == 2 and c.end <= count.start for c in m.counts)
            and any(o.outcome in ("injured", "killed") and o.end <= count.start for o in m.outcomes)
        ):
            continue  # "пострадавших двое ..., оба госпитализированы": the two told of, again
        if _says_whose(text, count, m.things):
            continue  # "четверо членів однієї родини": whose members, not one more person
        strikes = _strike_count_after().match(text, count.end)
        if (
            strikes
            and not any(count.end <= t.start < strikes.end() for t in m.things)
            and not _STRIKES_LANDED.match(text, strikes.end())
        ):
            continue  # "11 ударів, 19 постраждалих", "512 strikes on 14 settlements": strikes counted, not things
        # An elided noun is the last thing counted before it ("three residents ...: two in Pokrovsk").
        counted = [a[3] for a in anchors if a[3] is not None and a[2] is not None and a[1] <= count.start]
        previous = [t for t in m.things if t.end <= count.start and t.weapon in WEAPON_CLASSES]
        stand_in = counted[-1] if counted else previous[-1] if previous else last_thing
        after = text[count.end :]
        damaged_after = any(
            o.outcome == "damaged"
            and o.start >= count.end
            and _DAMAGED_GAP.fullmatch(text, count.end, o.start)
            and not o.is_negated
            for o in m.outcomes
        )
        objects_before = [t for t in m.things if t.end <= count.start and t.weapon in OBJECT_CLASSES]
        if damaged_after and objects_before:
            stand_in = objects_before[-1]  # "зруйновано приватний будинок, ще 4 пошкоджені": four more houses
        # "38 of 50 drones": the first count is a part of the things counted next.
        of_total = _OF_TOTAL.match(after)
        if of_total:
            # the things the whole's figure counts: right after it, or past a participle's phrase
            # ("29 из 30 запущенных по Украине крылатых ракет")
            whole = next((c for c in m.counts if count.end < c.start < count.end + of_total.end()), None)
            following = [
                t
                for t in m.things
                if t.start >= count.end
                and (
                    t.start - count.end <= of_total.end() + 12
                    or (whole is not None and _count_for(text, t, m.counts, m.outcomes) is whole)
                )
            ]
            if following:
                stand_in = following[0]
                anchors.append((count.start, count.end, count, stand_in, stand_in.weapon, False, "part"))
                wholes.add(following[0].start)
                continue
        # "shot down 98 drones out of 124", "збили 98 дронів зі 124": a figure after the things just
        # counted and "out of" is their whole
        part = next(
            (
                a for a in anchors
                if a[2] is not None and a[3] in m.things and a[4] in WEAPON_CLASSES
                and _OUT_OF_BETWEEN.fullmatch(text, a[1], count.start)
            ),
            None,
        )  # fmt: skip
        if part is not None:
            anchors.append((count.start, count.end, count, part[3], part[4], False, "whole"))
            continue
        copula = _COPULA_PART.match(after)
        if copula and _CONTINUATION.match(text) and stand_in is not None:
            # "Of the missiles, 137 were ballistic and 46 were Kh-101s": parts named by what they were.
            predicate = count.end + copula.end()
            named = [t for t in m.things if 0 <= t.start - predicate <= 25 and t.weapon == stand_in.weapon]
            thing = named[0] if named else stand_in
            anchors.append((count.start, count.end, count, thing, thing.weapon, True))
            continue
        revised = _revised_figure(text, count, anchors, m.outcomes)
        if revised is not None:
            # "сообщали о 14 погибших, затем — о 16": a gapped clause revising the figure just told
            anchors.append((count.start, count.end, count, revised[3], revised[4], False, "revised"))
            continue
        elided = _elided_after_adjective(text, count, anchors)
        if elided is not None:
            # "пошкоджено 17 приватних будинків, 4 багатоквартирні, автосервіс": the noun of the item
            # before, left out after the adjective
            anchors.append((count.start, count.end + elided, count, stand_in, stand_in.weapon, False))
            continue
        in_brackets_after_place = _place_before_parenthesis(text, count.start, m.places) is not None
        # "над Ярославской областью - один", "over Kursk: 12": a figure after its place and a dash
        after_place_and_dash = any(
            p.is_locative and p.end <= count.start and _OPENS_ITEM.fullmatch(text, p.end, count.start) for p in m.places
        ) or _gapped_place_item(text, count, m.places, anchors)
        is_list_item = bool(_LIST_ITEM.match(after)) or in_brackets_after_place or after_place_and_dash
        person_cue = any(
            o.outcome in ("injured", "killed") and 0 <= o.start - count.end <= 25 for o in m.outcomes
        ) or any(o.outcome in ("injured", "killed") and 0 <= count.start - o.end <= 3 for o in m.outcomes)
        died_of_wounded = any(o.outcome == "killed" and 0 <= o.start - count.end <= 40 for o in m.outcomes) and any(
            o.outcome == "injured" and o.end <= count.start for o in m.outcomes
        )  # "three were injured, one of whom later died": a death, not one of the injured again
        if (
            re.match(r"\s+of\s+(?:the|them|those|whom)\s+(?:injured|wounded|dead|killed|victims)?", after, re.I)
            and person_cue
            and not died_of_wounded
        ):
            continue  # "two of the injured": a subset of people already counted
        if person_cue and not counts_places(text, count.end):  # "у трьох районах, є загиблий"
            anchors.append((count.start, count.end, count, None, "person", False))
        elif (
            stand_in is not None
            and stand_in.weapon in WEAPON_CLASSES
            and _INCLUDING_BEFORE.search(text, max(0, count.start - 24), count.start)
            and any(a[2] is not None and a[1] <= count.start and a[4] == stand_in.weapon for a in anchors)
        ):
            # "пять - над Московским регионом, в том числе три, летевших на Москву": a part of the figure
            # just given, with the total's verb, where the part says
            anchors.append((count.start, count.end, count, stand_in, stand_in.weapon, True, "part"))
        elif stand_in is not None and (
            is_list_item
            or _followed_by_cue(text, count, m.outcomes)
            or _OF_WHICH.match(after)  # "shot down two of them", "46 з них збито"
            or _counted_by_cue_before(text, count, m.outcomes)  # "з них збито 83", "сбиты 40."
            # "Всего за сегодня — 17.": a sentence of a total alone
            or _total_alone(text, count.start, count.end)
        ):
            anchors.append((count.start, count.end, count, stand_in, stand_in.weapon, is_list_item))
    anchors = [_from_place_before_parenthesis(text, a, m.places) for a in anchors]
    anchors.sort(key=lambda a: a[0])
    anchors = _parts_of_an_unnamed_building(anchors, m)
    anchors = _mixed_totals(text, anchors)
    return [_with_role(a, wholes) for a in anchors]


def _says_whose(text: str, count: CountMention, things: list[ThingMention]) -> bool:
    """A count of one right after a person noun ("members of one family", "членів однієї родини")
    says whose they are."""
    return count.value == 1 and any(
        t.weapon == "person" and _OF_ONE.fullmatch(text, t.end, count.start) for t in things
    )


def _own_other_toll(outcomes: list[OutcomeCue], first: ThingMention, second: ThingMention) -> bool:
    """'Загинув водій, пасажирку травмовано': the person after the comma has a casualty verb of their
    own, right after them, other than the one told of the person before: two people, no apposition."""
    after = [o for o in outcomes if 0 <= o.start - second.end <= 3 and o.outcome in ("injured", "killed")]
    before = {o.outcome for o in outcomes if o.end <= first.start and o.outcome in ("injured", "killed")}
    return bool(after) and bool(before) and after[0].outcome not in before


def _parts_of_an_unnamed_building(anchors: list[tuple], m: SentenceMentions) -> list[tuple]:
    """Parts damaged with no owner named in their sentence ("повреждены кровля и окна", "the roof and
    windows were damaged") are one building's; parts of a thing named ("поврежден дом: выбиты окна"),
    or counted ("вибито 40 вікон"), are no claim of their own, unless that thing was only struck in a
    clause before them ("hit a farm building; its roof was damaged"): then they are its damage."""
    owned = any(t.weapon in OBJECT_CLASSES for t in m.things)
    kept = []
    for anchor in anchors:
        if anchor[4] == "parts":
            struck = _struck_owner(anchor, anchors, m) if anchor[2] is None else None
            if struck is not None:
                owner = struck[3]
                kept.append((anchor[0], anchor[1], struck[2], owner, owner.weapon, *anchor[5:]))
                continue
            if anchor[2] is not None or owned:
                continue
            owned = True  # "кровля и окна": one building however many parts are named
            building = replace(anchor[3], weapon="building", is_singular_object=True)
            anchor = (anchor[0], anchor[1], None, building, "building", *anchor[5:])
        kept.append(anchor)
    return kept


# Between a struck thing's clause and its parts: a verb before them, a possessive or an article at most
# ("; its roof was damaged", "– пошкоджено дах", "; the roof and windows were damaged")
_PARTS_OF_IT = re.compile(
    r"[\s\u00a0]*(?:[а-яіїєґё'’]+[\s\u00a0]+)?(?:(?:its|their|the|його|її|їх|его|её|ее|их)[\s\u00a0]+)?", re.I
)


def _struck_owner(part: tuple, anchors: list[tuple], m: SentenceMentions) -> tuple | None:
    """The anchor of the one object a strike verb hit in the clause just before a part noun that opens
    its own clause, or None."""
    clause = _clause_of(part[0], m.clauses)
    if clause == 0 or not _PARTS_OF_IT.fullmatch(m.sentence.text, m.clauses[clause][0], part[0]):
        return None
    before = [a for a in anchors if a[1] <= part[0] and a[4] != "parts"]
    if not before or before[-1][4] not in OBJECT_CLASSES or _clause_of(before[-1][0], m.clauses) != clause - 1:
        return None
    owner = before[-1]
    if owner[2] is not None and not owner[2].is_article:
        return None  # "hit two houses": counted things struck are damage already
    if any(a[0] > part[1] and a[4] in OBJECT_CLASSES and _clause_of(a[0], m.clauses) == clause for a in anchors):
        return None  # "and the windows of the house were damaged": the parts' own owner
    cues = [o for o in m.outcomes if _clause_of(o.start, m.clauses) == clause - 1 and not o.is_negated]
    if any(o.outcome == "damaged" for o in cues):
        return None  # "пошкоджено будинок — вибито вікна": the thing's own damage, its parts no other
    return owner if any(o.outcome == "hit" and o.end <= owner[0] and not o.is_non_event for o in cues) else None


def _with_role(anchor: tuple, wholes: set[int]) -> tuple:
    """The anchor with its role. The whole of "N of M" with no number of its own is that, whatever
    else it looked like ("уламки одного з дронів": not also a strike with drones)."""
    if anchor[3] is not None and anchor[3].start in wholes and (len(anchor) == 6 or anchor[2] is None):
        return (*anchor[:6], "whole")
    return anchor if len(anchor) == 7 else (*anchor, None)


_OPEN_PARENTHESIS_BEFORE = re.compile(r"\s*\(\s*$")


def _place_before_parenthesis(text: str, start: int, places: list[PlaceMention]) -> PlaceMention | None:
    """ "над Ростовской (19), Воронежской (12)", "Kursk (3 drones)": the place a bracketed count is of;
    so is a place before a dash ("над Брянской областью — 29, над Рязанской — 17")."""
    opening = lexicon.search(_OPEN_PARENTHESIS_BEFORE, text, max(0, start - 6), start)
    if opening is None:
        if _ONE_OF.match(text, start):
            return None  # "Бельбек — один из основных аэродромов": what the place is, no item
        return next((p for p in places if p.is_locative and _DASH_ONLY.fullmatch(text, p.end, start)), None)
    return next((p for p in places if p.is_locative and p.end == opening.start()), None)


_ONE_OF = re.compile(r"[\w'’-]+\s+(?:из|з|із|зі|of)\s", re.I)
# A dash alone between a place and its figure, or a toll's figure and what befell them ("ще 9 – поранені")
_DASH_ONLY = re.compile(r"[\s\u00a0]*[-–—][\s\u00a0]*")


def _from_place_before_parenthesis(text: str, anchor: tuple, places: list[PlaceMention]) -> tuple:
    """A bracketed count's stretch starts at its place, so the place is the count's own."""
    place = _place_before_parenthesis(text, anchor[0], places) if anchor[2] is not None else None
    return anchor if place is None else (place.start, *anchor[1:])


def _elided_after_adjective(text: str, count: CountMention, anchors) -> int | None:
    """The length of a lone adjective after a figure whose noun is the list item's before it
    ("17 приватних будинків, 4 багатоквартирні,"), or None."""
    item = _ADJECTIVE_ITEM.match(text, count.end)
    before = [a for a in anchors if a[2] is not None and a[1] <= count.start and a[4] in OBJECT_CLASSES]
    if item is None or not before or not _LIST_COMMA.fullmatch(text, before[-1][1], count.start):
        return None
    if not morphology.is_adjective(item.group("word")):
        return None
    return item.end("word") - count.end


_ADJECTIVE_ITEM = re.compile(r"\s+(?P<word>[а-яіїєґё'’-]+)(?=\s*(?:,|;|\.|$|\s(?:та|і|и|й)\s))", re.I)
_LIST_COMMA = re.compile(r"\s*,\s*")


# Nothing after a figure but the end of its clause ("..., over Bryansk 5.", "..., затем — о 16.")
_CLAUSE_ENDS = re.compile(r"\s*(?:[.;)!]|$)")


def _gapped_place_item(text: str, count: CountMention, places: list[PlaceMention], anchors) -> bool:
    """'12 drones were shot down over Kursk, over Bryansk 5', 'and over the Bryansk region, five': a
    clause of a place and a figure alone, after a figure told with its verb, is another item of it."""
    if not _CLAUSE_ENDS.match(text, count.end):
        return False
    told = [a for a in anchors if a[2] is not None and a[1] <= count.start]
    return bool(told) and any(
        p.is_locative
        and re.fullmatch(r"[\s,]*", text[p.end : count.start])
        and re.search(
            r"[,;]\s*(?:(?:and|и|і|та|й)\s+)?(?:over|in|above|near|над|в|у|на)?\s*(?:the\s+)?$",
            text[told[-1][1] : p.start],
        )
        for p in places
        if told[-1][1] <= p.start and p.end <= count.start
    )


@cache
def _revision_gap() -> re.Pattern[str]:
    leads = lexicon.outcome_phrases("revision_leads").pattern
    return re.compile(rf"\s*[,;]\s*(?:(?:{leads})\s*,?\s*)?(?:[—–-]\s*)?(?:(?:о|об|про|до|to|at)\s+)?$", re.IGNORECASE)


def _revised_figure(text: str, count: CountMention, anchors: list[tuple], outcomes) -> tuple | None:
    """The anchor whose figure a gapped clause revises ("сообщали о 14 погибших в Кривом Роге, затем —
    о 16", "reported 18 injured; by noon, 27"): the figure ends its clause, only a lead of time and
    the first figure's preposition before it, and no figure or verb between the two."""
    if not _CLAUSE_ENDS.match(text, count.end):
        return None
    earlier = [a for a in anchors if a[2] is not None and a[1] <= count.start]
    if not earlier:
        return None
    first = earlier[-1]
    gap = _revision_gap().search(text, first[1], count.start)
    if gap is None or gap.start() - first[1] > 80 or re.search(r"\d", text[first[1] : gap.start()]):
        return None
    if any(first[1] <= o.start < count.start and o.outcome not in ("killed", "injured") for o in outcomes):
        return None
    return first


@cache
def _toll_patterns() -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str]]:
    tolls = {lexicon.normalise(n): outcome for outcome, nouns in lexicon.outcomes()["tolls"].items() for n in nouns}
    verbs = lexicon.phrase_pattern(lexicon.outcomes()["toll_verbs"]).pattern
    return lexicon.phrase_pattern(tolls), tolls, re.compile(rf"(?:{verbs})[\s\u00a0]*$", re.IGNORECASE)


# The "from" of a change of figure, with the first figure when the count is the second one
_FROM_FIGURE = re.compile(r"\s+(?:from|с|з|із)(?:\s+[\w,]+\s*(?=\s+(?:to|до)\s*$|$))?(?:\s+(?:to|до))?\s*$", re.I)


def _tolls(m: SentenceMentions, anchors, used_counts: set[int]) -> list[tuple]:
    """'The death toll rose to 12', 'the toll first stood at two, but later rose to three',
    'число пострадавших возросло до восьми': each figure a toll noun's verb gives is a casualty claim."""
    text = m.sentence.text
    nouns, outcome_of, verb = _toll_patterns()
    found = []
    toll_nouns = list(nouns.finditer(text))
    if not toll_nouns:
        return found
    taken = {a[2].start for a in anchors if a[2] is not None}
    for count in m.counts:
        if count.value is None or count.start in taken or count.start in used_counts:
            continue
        # "bringing the death toll to three", "довівши кількість загиблих до трьох"
        changed = (
            _told_by_verb_of_change(text, count, verb)
            or _brought_to(text, count, toll_nouns)
            or _collective_after_toll(text, count, toll_nouns)
        )
        if changed is None:
            continue
        count, changed_from = changed
        before = [n for n in toll_nouns if n.end() <= count.start and count.start - n.end() <= 120]
        if not before:
            continue
        noun = before[-1]
        outcome = outcome_of[lexicon.normalise(noun.group(0))]
        cue = OutcomeCue(noun.start(), noun.end(), noun.group(0), outcome, "noun", None, False, False)
        if outcome in ("killed", "injured"):
            for figure in _figures_of_change(count) if changed_from else [count]:
                found.append((figure.start, figure.end, figure, None, "person", False, ("toll", cue)))
            continue
        # "the number of drones shot down reached 34": a running tally of the thing its noun names
        named = [t for t in m.things if noun.start() <= t.start < noun.end() and t.weapon in WEAPON_CLASSES]
        if named:
            found.append((count.start, count.end, count, named[0], named[0].weapon, False, ("toll", cue)))
    return found


def _told_by_verb_of_change(text: str, count: CountMention, verb: re.Pattern[str]) -> tuple[CountMention, bool] | None:
    """The figure a verb of change gives ("rose to 12", "возросло до восьми", "had risen from 17 to
    21"), as an exact count, and whether it was told "from" one figure "to" another; None when no
    such verb stands before it."""
    if count.is_article:
        return None  # "rose from an initial report of eight": an article is no figure of the change
    before_count = text[max(0, count.start - 40) : count.start]
    # "возросло до восьми": the "до" the numbers read as "up to" is the verb's ("rose to").
    preposition = re.match(r"(?:до|to)\s+", count.text, re.I)
    if preposition:
        before_count += preposition.group(0)
    # the verb's time phrase before its figure ("rose through the morning from three to six")
    before_count = _TIME_BEFORE_FIGURE.sub("", before_count)
    changed_from = False
    if not verb.search(before_count):
        # "had risen from 17 to 21", "выросло с 17 до 21": both figures are the verb's
        before_count = _FROM_FIGURE.sub(" to " if re.search(r"[a-z]", before_count, re.I) else " до ", before_count)
        if not verb.search(before_count):
            return None
        changed_from = True
    if preposition:
        count = CountMention(count.start, count.end, count.text, count.value, "exact")
    return count, changed_from


_TIME_BEFORE_FIGURE = re.compile(
    r"(?:\s+(?:through|during|over|by|throughout|in)\s+(?:the\s+)?(?:morning|day|night|evening|afternoon|weekend|noon|"
    r"midday|\d{1,2}(?::\d\d)?\s*[ap]\.m\.)|\s+(?:overnight|later|again|further)"
    r"|\s+(?:к|за)\s+(?:утру|вечеру|ночи|обеду|ранку|вечора))(?=\s+(?:from|to|с|з|до)\s*$)",
    re.IGNORECASE,
)
_CHANGE_RANGE = re.compile(r"(?P<first>[\w,]+)(?P<to>\s+to\s+)(?P<second>[\w,]+)", re.I)


def _figures_of_change(count: CountMention) -> list[CountMention]:
    """'risen from 17 to 21': the range the numbers read is a first figure and a revised one."""
    change = _CHANGE_RANGE.fullmatch(count.text)
    second = parse_number(change.group("second")) if change else None
    if change is None or second is None:
        return [count]
    first_end = count.start + change.end("first")
    return [
        CountMention(count.start, first_end, change.group("first"), count.value, "exact"),
        CountMention(count.start + change.start("second"), count.end, change.group("second"), second, "exact"),
    ]


def _running_tallies(m: SentenceMentions, anchors, used_counts: set[int]) -> list[tuple]:
    """'the number of drones downed on approach to the capital had risen to 14', 'количество
    сбитых над Москвой беспилотников достигло 14': a tally head, then a weapon and the outcome
    that is tallied in any order and with places between, then a verb of change and the figure."""
    text = m.sentence.text
    heads = list(lexicon.outcome_phrases("tally_heads").finditer(text))
    if not heads:
        return []
    _, _, verb = _toll_patterns()
    taken = {a[2].start for a in anchors if a[2] is not None} | used_counts
    found = []
    for count in m.counts:
        if count.value is None or count.start in taken:
            continue
        changed = _told_by_verb_of_change(text, count, verb) or _brought_to(text, count, heads)
        if changed is None or changed[1]:
            continue
        count = changed[0]
        head = next((h for h in reversed(heads) if h.end() <= count.start and count.start - h.end() <= 120), None)
        if head is None:
            continue
        between = (head.end(), count.start)
        things = [t for t in m.things if between[0] <= t.start < between[1] and t.weapon not in ("person", "parts")]
        # weapons downed or launched; things damaged ("the number of damaged houses had risen to four")
        tallied = ("intercepted", "launched") if things and things[0].weapon in WEAPON_CLASSES else ("damaged",)
        cues = [o for o in m.outcomes if between[0] <= o.start < between[1] and o.outcome in tallied]
        if len(things) == 1 and len(cues) == 1:
            found.append((count.start, count.end, count, things[0], things[0].weapon, False, ("toll", cues[0])))
    return found


# "bringing the number of drones downed ... to 15", "доведя число сбитых ... до 15": the verb of change
# before the tally's head, its "to" before the figure
_BRINGING_BEFORE = re.compile(
    r"(?:bringing|brings|brought|raising|raises|raised|taking|takes|доведя|довівши)\s+(?:the\s+)?$", re.I
)
_TO_BEFORE = re.compile(r"(?:\bto|(?<![\w])до)\s*$", re.I)


def _collective_after_toll(text: str, count: CountMention, nouns) -> tuple[CountMention, bool] | None:
    """'пострадавших на заводе двое', 'загиблих у Харкові четверо': a collective numeral closing the
    clause of a toll noun, a place between, says how many with no verb."""
    if not _COLLECTIVE.fullmatch(count.text) or not re.match(r"\s*(?:[.,;:!?»—–-]|$)", text[count.end :]):
        return None
    if not any(0 <= count.start - n.end() <= 40 and "," not in text[n.end() : count.start] for n in nouns):
        return None
    return count, False


# A collective numeral by its ending ("двое", "троє", "пятеро", "п'ятеро"); numbers.yml gives its value.
_COLLECTIVE = re.compile(r"[а-яіїєґё'’]+(?:ое|оє|еро)", re.I)


def _brought_to(text: str, count: CountMention, heads) -> tuple[CountMention, bool] | None:
    preposition = re.match(r"(?:до|to)\s+", count.text, re.I)
    if not (preposition or _TO_BEFORE.search(text, max(0, count.start - 6), count.start)):
        return None
    before = [h for h in heads if h.end() <= count.start]
    if not any(_BRINGING_BEFORE.search(text, max(0, h.start() - 20), h.start()) for h in before):
        return None
    return CountMention(count.start, count.end, count.text, count.value, "exact"), False


# Between the last thing of a list and the place it went to: "of various types against", "overnight at"
_LIST_TO_PLACE = re.compile(r"[^,.;:!?]{0,40}?(?:against|at|on|по|на)\s+(?:the\s+)?", re.I)
_MORE_PLACES_AFTER = re.compile(r"\s*(?:,|and\s|і\s|та\s|и\s|й\s)", re.I)


def _place_after_coordinated_list(text, anchor, same_clause, located, clause_end) -> list[PlaceMention]:
    """ "The enemy used 4 KABs, 1 missile and 27 drones against Kharkiv Oblast": the place after the
    last weapon of a list joined by commas and "and" is every weapon's."""
    if anchor[4] not in WEAPON_CLASSES or anchor[2] is None:
        return []
    last = anchor
    for following in sorted((a for a in same_clause if a[0] > anchor[0]), key=lambda a: a[0]):
        if following[4] not in WEAPON_CLASSES or not _COORDINATED.fullmatch(text, last[1], following[0]):
            break
        last = following
    if last is anchor:
        return []
    after = [p for p in located if last[1] <= p.start < clause_end and _LIST_TO_PLACE.fullmatch(text, last[1], p.start)]
    if not after or _MORE_PLACES_AFTER.match(text, after[0].end):
        return []  # "against Kharkiv, Sumy and Poltava": a list of its own, each place a part
    return after[:1]


def _mixed_totals(text: str, anchors: list[tuple]) -> list[tuple]:
    """One number before two kinds of weapon ("more than 400 missiles and drones", "7 drones or
    missiles", "40 ракет и беспилотников") counts them together: one claim, weapon `other`."""
    out: list[tuple] = []
    skip: set[int] = set()
    for i, anchor in enumerate(anchors):
        if i in skip:
            continue
        following = anchors[i + 1] if i + 1 < len(anchors) else None
        if (
            following is not None
            and anchor[2] is not None
            and anchor[2].value
            and not anchor[2].is_article
            and following[2] is None
            and anchor[3] is not None
            and following[3] is not None
            and anchor[4] in WEAPON_CLASSES
            and following[4] in WEAPON_CLASSES
            and anchor[4] != following[4]
            and _MIXED_JOINER.fullmatch(text[anchor[3].end : following[3].start])
            # "девять беспилотников и ракета": a singular noun with no article is one more thing
            and not (
                morphology.has_cyrillic(following[3].text)
                and morphology.is_singular_subject_or_object(following[3].text.split()[-1])
            )
        ):
            joined = text[anchor[3].start : following[3].end]
            mixed = replace(anchor[3], weapon="other", model=None, end=following[3].end, text=joined)
            out.append((anchor[0], following[1], anchor[2], mixed, "other", *anchor[5:]))
            skip.add(i + 1)
            continue
        out.append(anchor)
    return out


def _strikes_on_places(m: SentenceMentions, anchors: list[tuple]) -> list[tuple]:
    """A strike noun with its weapon and the place it struck, and no number: a hit there, as "a
    drone strike on X" ("Удар беспилотника по Белгороду", "атаку на Київ ракетами та дронами",
    "Belgorod came under drone attack", "Краснодарский край подвергся атаке беспилотников")."""
    text = m.sentence.text
    located = [p for p in m.places if p.is_locative]
    counted = {a[3].start for a in anchors if a[3] is not None and a[2] is not None and a[2].value is not None}
    added: list[tuple] = []
    nouns = [(n, False) for n in _attack_nouns_pattern().finditer(text)]
    nouns += [(n, True) for n in _hit_nouns_pattern().finditer(text)]
    for noun, adjective_only in nouns:
        cyrillic = morphology.has_cyrillic(noun.group(0))
        if adjective_only:
            bound = []  # "влучання дрона" counts its drone as one elsewhere
        elif cyrillic:
            # The weapon follows the noun, in the genitive or instrumental, the target maybe between.
            bound = [
                t for t in m.things
                if t.weapon in WEAPON_CLASSES and 0 < t.start - noun.end() <= 60
                and not _PHRASE_BREAK.search(text[noun.end() : t.start].rstrip("«\"„“ "))
            ]  # fmt: skip
            bound = _coordinated_things(text, bound)
        else:
            # "drone attack", "missile strikes": the weapon is the noun's modifier; "missile and drone
            # attack": each of the coordinated modifiers.
            bound = [
                t for t in m.things
                if t.weapon in WEAPON_CLASSES and re.fullmatch(r"[\s-]+", text[t.end : noun.start()])
            ]  # fmt: skip
            for t in reversed(m.things):
                if bound and t.end <= bound[0].start and t.weapon in WEAPON_CLASSES:
                    if not _MODIFIERS_JOINED.fullmatch(text, t.end, bound[0].start):
                        break
                    bound.insert(0, t)
        if cyrillic and not bound:
            bound = _strike_adjective_weapon(text, noun.start())
        bound = [t for t in bound if t.start not in counted and not _counted_weapon(text, t, m.counts)]
        lead = text[max(0, noun.start() - 60) : min([noun.start(), *(t.start for t in bound)])]
        if lexicon.search(_RANKED_ATTACK, lead) or lexicon.search(_ATTEMPTED_ATTACK, lead):
            # "the ninth missile attack on Ukraine" (a count of attacks, background); "попытка
            # атаки на ..." (an attempt, told by whoever stopped it)
            continue
        clause = m.clauses[_clause_of(noun.start(), m.clauses)]
        if not bound or any(o.outcome == "intercepted" and clause[0] <= o.start < clause[1] for o in m.outcomes):
            continue  # "Атака беспилотников на Белгород отражена": stopped, not a strike on the city
        target = next(
            (
                p for p in located
                if noun.end() <= p.start <= noun.end() + 60
                and (p.prep or "").lower() in {"on", "against", "на", "по"}
                and not re.search(r"[,.;:!?]", text[noun.end() : p.start])
                and p.place_type != "national"  # "атаки беспилотников на российские регионы": background
            ),
            None,
        )  # fmt: skip
        if target is None and cyrillic:
            # "нанесла по Харькову удар авиабомбами": the target may stand right before the noun
            target = next(
                (
                    p for p in located
                    if 0 <= noun.start() - p.end <= 2
                    and (p.prep or "").lower() in {"на", "по"}
                    and p.place_type != "national"
                ),
                None,
            )  # fmt: skip
        if target is None:
            # "Краснопільська громада: удар FPV-дрона", "- Nikopol: a drone strike": a line's heading
            # place is what the strike opening the line struck
            target = next(
                (
                    p for p in located
                    if _HEADING_PLACE.fullmatch(text[: p.start])
                    and (colon := _HEADING_COLON.match(text, p.end))
                    and not text[colon.end() : min([noun.start(), *(t.start for t in bound)])].strip()
                ),
                None,
            )  # fmt: skip
        if target is None:
            before = text[: noun.start()]
            verb = _struck_place_verb().search(before)
            # "Севастополь вновь подвергся атаке", "Kyiv again came under attack": an adverb may stand between
            # (or a site named by the place: "Новокуйбышевский НПЗ подвергся атаке")
            subject = [
                p for p in located
                if verb is not None
                and (
                    _subject_gap(text, p.end, verb.start())
                    or ((site := site_named_after(text, p.end)) and _subject_gap(text, site, verb.start()))
                )
            ]  # fmt: skip
            # ... or "the region" told for the place the source governs ("the region had come under attack")
            subject = subject or (verb is not None and anaphor_ends_at(text, verb.start()))
            struck = verb is not None and subject and not re.search(r"[,.;:!?]", text[verb.end() : noun.start()])
            # "при атаке беспилотника на остановку" (one strike), not "при ударах БПЛА" (background)
            head = noun.group(0).split()[-1]
            # "влучання" is both numbers; its adjective says which ("ракетне влучання")
            adjective = next((t.text for t in bound if t.end <= noun.start()), None)
            number = morphology.grammatical_number(adjective or head)
            one_strike = number != "plur" and not re.search(r"[a-z]s$", head, re.I)
            if not struck and not (one_strike and _struck_object(m, noun.end(), clause)):
                continue
        for thing in bound:
            anchors = [a for a in anchors if a[3] is not thing]
            added.append((thing.start, thing.end, None, thing, thing.weapon, False, "strike_on"))
    if not added:
        return anchors
    return sorted([*anchors, *added], key=lambda a: a[0])


def _drops_from_drones(m: SentenceMentions, anchors: list[tuple]) -> list[tuple]:
    """'скид ВОГ з БпЛА', 'в результате сброса взрывного устройства с беспилотника', 'сбросом с
    дрона': a drop from a drone is that drone's strike, as "беспилотник сбросил ..." is; a hit with no
    number (counted drops, "понад 20 скидань", are told as such elsewhere)."""
    text = m.sentence.text
    added: list[tuple] = []
    for noun in _drop_nouns_pattern().finditer(text):
        if any(0 <= noun.start() - c.end <= 2 for c in m.counts):
            continue
        thing = next(
            (
                t for t in m.things
                if t.weapon == "drone"
                and 0 < t.start - noun.end() <= 50
                and _FIRED_FROM.search(text, noun.end(), t.start)
                and not _PHRASE_BREAK.search(text[noun.end() : t.start])
            ),
            None,
        )  # fmt: skip
        if thing is None or any(a[3] is thing and a[2] is not None for a in anchors):
            continue
        anchors = [a for a in anchors if a[3] is not thing]
        added.append((thing.start, thing.end, None, thing, thing.weapon, False, "strike_on"))
    if not added:
        return anchors
    return sorted([*anchors, *added], key=lambda a: a[0])


@cache
def _drop_nouns_pattern() -> re.Pattern[str]:
    return lexicon.phrase_pattern(_noun_forms(lexicon.outcomes()["drop_nouns"]))


def _strike_reports(m: SentenceMentions, anchors: list[tuple]) -> list[tuple]:
    """A strike its maker reports, on a target it names: "Russian forces delivered a massive strike
    with long-range precision weapons on Ukraine's energy facilities", "нанесли групповой удар ракетами
    «Кинжал» и ударными БПЛА по объектам ВПК Украины". A hit with no number for each weapon named
    with it before its target (none named, no claim: the text's own figures tell the weapons). The
    country of the target ("Ukrainian airfields", "объекты энергетики Украины") is where it hit."""
    text = m.sentence.text
    added: list[tuple] = []
    anchored = {id(a[3]) for a in anchors if a[3] is not None}
    for match in lexicon.finditer(_strike_report_pattern(), text):
        noun = "noun" if match.group("noun") else "noun2"
        noun_start, noun_end = match.start(noun), match.end(noun)
        lead = text[max(0, match.start() - 60) : noun_start]
        if lexicon.search(_RANKED_ATTACK, lead) or lexicon.search(_ATTEMPTED_ATTACK, lead):
            continue  # "one of the most massive strikes" ranks it; "an attempted strike" was stopped
        clause_start, clause_end = m.clauses[_clause_of(noun_start, m.clauses)]
        if any(o.outcome == "intercepted" and clause_start <= o.start < clause_end for o in m.outcomes):
            continue  # "отразили массированную атаку": stopped, not landed
        if any(t.start <= noun_start < t.end for t in m.things):
            continue  # "launched 21 attack drones": the noun is a weapon's modifier
        target = _strike_report_target(m, match.end(), clause_end)
        if target is None:
            continue
        # the weapons named with it come before its target ("with Kalibr missiles on ...", "ударными
        # БПЛА по ..."), not in it ("on drone workshops")
        aim = _TARGET_PREPOSITION.search(text, noun_end, clause_end)
        # or after it, told as the means ("a strike on Ukraine's enterprises using precision weapons")
        means = _MEANS_AFTER_TARGET.search(text, aim.end(), clause_end) if aim else None
        weapons = [
            t for t in m.things
            if t.weapon in WEAPON_CLASSES
            and (
                noun_end <= t.start < (aim.start() if aim else clause_end)
                or re.fullmatch(r"[\s-]+", text[t.end : noun_start])
                or (means is not None and means.end() <= t.start < clause_end)
            )
        ]  # fmt: skip
        counted = {a[3].start for a in anchors if a[3] is not None and a[2] is not None}
        bound = [t for t in weapons if t.start not in counted]
        if not bound:
            continue
        if target not in m.places:  # one of the sentence's places, so the claims are placed there
            m.places.append(target)
            m.places.sort(key=lambda p: p.start)
        for thing in bound:
            # "struck ... with drones" may have read it already; a bare mention of it, no
            # number and no role, becomes this strike's
            bare = [a for a in anchors if a[3] is thing and a[2] is None and (len(a) < 7 or a[6] is None)]
            if id(thing) in anchored and not bare:
                continue
            anchors = [a for a in anchors if not any(a is b for b in bare)]
            anchored.add(id(thing))
            added.append((thing.start, thing.end, None, thing, thing.weapon, False, "strike_on"))
    if not added:
        return anchors
    return sorted([*anchors, *added], key=lambda a: a[0])


def _strike_report_target(m: SentenceMentions, start: int, end: int) -> PlaceMention | None:
    """The place a reported strike hit, after its noun in its clause: a place named there, or the
    country its target belongs to ("on Ukrainian airfields", "against Ukraine's energy", "по объектам
    энергетики Украины"), as a place the strike happened at."""
    after = [p for p in m.places if start <= p.start < end]
    located = next((p for p in after if p.is_locative), None)
    if located is not None:
        return located
    for place in after:
        if place.scope == "country":  # "по объектам энергетики Украины": the target's owner
            located = replace(place, is_locative=True, prep=place.prep or "on")
            m.places[m.places.index(place)] = located
            return located
    text = m.sentence.text
    prep = _TARGET_PREPOSITION.search(text, start, end)
    if prep is None:
        return None
    # the target's owner among its first words ("at enterprises of the Ukrainian military-industrial complex")
    target_end = next((i for i in (text.find(c, prep.end(), end) for c in ",;") if i >= 0), end)
    for word in list(lexicon.WORD.finditer(text, prep.end(), min(end, target_end)))[:6]:
        code = country_of_adjective(word.group(0))
        if code is not None:
            return PlaceMention(word.start(), word.end(), word.group(0), "country", code, None, "country", "on", True)
    return None


# "on Ukrainian defence industry enterprises", "against Ukraine's energy", "по украинским аэродромам"
_TARGET_PREPOSITION = re.compile(r"(?<![\w-])(?:on|against|at|по|на)\s", re.I)
_MEANS_AFTER_TARGET = re.compile(r"(?<![\w-])(?:using|with)\s", re.I)


@cache
def _strike_report_pattern() -> re.Pattern[str]:
    data = lexicon.outcomes()
    verbs = {
        form
        for verb in data["strike_delivery_verbs"]
        for form in (morphology.forms_of(verb) if morphology.has_cyrillic(verb) else [verb])
    }
    nouns = {"strike", "strikes", "attack", "attacks", *_strike_nouns()}
    verb = lexicon.alternatives(sorted(verbs, key=len, reverse=True))
    noun = lexicon.alternatives(sorted(nouns, key=len, reverse=True))
    # up to five words between, none a preposition ("delivered one massive strike", "нанесли
    # «массированный удар"), not "launched drones at Kyiv in an attack"
    preposition = r"(?:in|on|at|to|with|by|from|over|after|по|на|в|у|з|с|из|після|после)\s"
    gap = rf"(?:(?!{preposition})[\w'’-]+\s+|[«»\"“”„]\s*){{0,5}}?"
    return re.compile(
        rf"(?<![\w-])(?:(?P<verb>{verb})\s+{gap}[«\"“„]?(?P<noun>{noun})"
        rf"|(?P<noun2>{noun})\s+(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:{verb}))(?![\w-])",
        re.I,
    )


_TALLY_ATTACK_LEAD = re.compile(
    r"\W*(?:(?:another|one\s+more|yet\s+another|ще\s+одн[аи]й?|ще\s+один|еще\s+одн[аи]й?|ещё\s+одн[аи]й?|еще\s+один)\s+)?"
    r"(?:(?:massive|combined|large-scale|масован[аи]й?|комбінован[аи]й?|массированн(?:ая|ый)|комбинированн(?:ая|ый))\s+)?"
    r"(?:strike|attack|атака|удар)\s*[-–—:]\s*",
    re.I,
)
# (the count's own span holds its qualifier: "over 400", "понад 270")
_TALLY_TIME_REST = re.compile(r"[\W\s]*(?:(?:only|just|alone|тільки|лише|только|лишь)[\s,]*)*[-–—:,][\s\u00a0]*", re.I)


_ONLY_WORDS = ("", "only", "just", "тільки", "лише", "только", "лишь")


def _verbless_tally(m: SentenceMentions, anchors: list[tuple]) -> bool:
    """A sentence with no verb that opens with its time or its attack and a dash, then counts
    weapons: "Last night alone – 96 drones", "Another massive strike – over 400 drones"."""
    first_anchor = min((a[0] for a in anchors if a[2] is not None and a[2].value and not a[2].is_article), default=0)
    if any(o.end > first_anchor for o in m.outcomes):
        return False
    prefix = m.sentence.text[:first_anchor]
    if _TALLY_ATTACK_LEAD.fullmatch(prefix) or (
        _TALLY_ATTACK_LEAD.match(prefix) and _TALLY_TIME_REST.fullmatch(prefix, _TALLY_ATTACK_LEAD.match(prefix).end())
    ):
        return True
    if any(p.is_locative and p.scope == "region" for p in m.places):
        return False  # "Overnight, 12 drones over Kursk": where they were, not a tally of what was sent
    times = [t for t in m.times if t.end <= first_anchor]
    if not times or prefix[: times[0].start].strip(" \u00a0—–-\"“„«'").lower() not in _ONLY_WORDS:
        return False
    return _TALLY_TIME_REST.fullmatch(prefix, times[-1].end) is not None


def _list_lead_in(sentence: Sentence, previous: list[Draft]) -> list[Draft]:
    """The drafts of the line a bulleted item continues: the nearest line before that ends with a
    colon ("Підтверджено збиття 319 повітряних цілей:" then "– 12 крилатих ракет;"), with only
    bulleted lines between."""
    if not previous or not sentence.is_list_item:
        return []
    lead = None
    for draft in reversed(previous):
        if draft.sentence.text.rstrip().endswith(":"):
            lead = draft.sentence
            break
        if not draft.sentence.is_list_item:
            return []
    if lead is None or sentence.index - lead.index > 12:
        return []
    return [d for d in previous if d.sentence.index == lead.index]


def _struck_object(m: SentenceMentions, noun_end: int, clause: tuple[int, int]) -> bool:
    """Whether a strike noun's clause says what it struck or did: a counted-as-one object after
    "по/на/в/on/against" ("удар дрона по автомобілю", "ракетне влучання в обʼєкт", "атаке беспилотника
    на остановку"), or a toll or damage ("от атаки беспилотника загорелся склад"). Only in Russian
    and Ukrainian, whose strike nouns carry the weapon after them; English has the same reading in
    `_anchors`."""
    text = m.sentence.text
    target = re.compile(r"(?:^|\s)(?:по|на|в|у|во|on|against|into)\s+(?:[\w'’-]+\s+){0,2}$")
    if any(
        t.weapon in OBJECT_CLASSES and noun_end < t.start <= noun_end + 80 and target.search(text[noun_end : t.start])
        for t in m.things
    ):
        return True
    return any(
        o.outcome in _AFTERMATH and not (o.is_negated or o.is_non_event) and clause[0] <= o.start < clause[1]
        for o in m.outcomes
    )


def _coordinated_things(text: str, things: list) -> list:
    """The first thing and those coordinated with it ("ракетами та ударними дронами")."""
    group = things[:1]
    for thing in things[1:]:
        if not _THINGS_JOINED.fullmatch(text[group[-1].end : thing.start]):
            break
        group.append(thing)
    return group


def _counted_weapon(text: str, thing, counts) -> bool:
    """A number in front of the weapon ("атаку 40 дронами"): how many were sent, not a strike."""
    return any(0 <= thing.start - c.end <= 25 and c.value for c in counts if not c.is_article)


# Between coordinated weapon modifiers of one attack noun ("missile and drone attack", "drone, missile
# and bomb strikes")
_MODIFIERS_JOINED = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&|і|и|та)\s+)", re.I)
_SUBJECT_GAP = re.compile(r"\s{0,3}|\s+(?:again|once\s+again|also|already|\w+ly)\s+", re.I)


def _subject_gap(text: str, start: int, end: int) -> bool:
    """Whether only adverbs stand between a subject and its verb: "Севастополь вновь подвергся",
    "Москва впервые подверглась", "Kyiv again came under" (up to three Cyrillic adverbs)."""
    if _SUBJECT_GAP.fullmatch(text, start, end):
        return True
    words = text[start:end].split()
    return (
        0 < len(words) <= 3
        and re.fullmatch(r"\s+(?:[\w'ʼ-]+\s+)+", text[start:end]) is not None
        and all(morphology.is_adverb(w) for w in words)
    )


@cache
def _struck_place_verb() -> re.Pattern[str]:
    verbs = lexicon.outcomes()["struck_place_verbs"]
    forms = {f for v in verbs for f in (morphology.forms_of(v) if morphology.has_cyrillic(v) else [v])}
    alternatives = "|".join(sorted(map(re.escape, forms), key=len, reverse=True))
    # up to six words between: "подверглись самой массированной с начала года атаке"
    return re.compile(rf"\b(?:{alternatives})\s+(?:[\w-]+\s+){{0,6}}$", re.I)


def _objects_hit(m: SentenceMentions, anchors, context_thing: ThingMention | None) -> list[tuple]:
    """'A fuel depot in the Kamensky district was hit': a strike with no weapon named is one by the
    weapon the text is about, how many not said."""
    if context_thing is None or any(a[4] in WEAPON_CLASSES for a in anchors):
        return []
    text = m.sentence.text
    for thing in m.things:
        was_hit = _WAS_HIT.match(text[thing.end :]) if thing.weapon in OBJECT_CLASSES else None
        if was_hit and _plural_noun(thing) and not any(a[0] <= thing.start < a[1] and a[2] for a in anchors):
            # "Substations were hit in three oblasts", "Energy facilities were hit in ...": several
            # things struck, how many not said, were damaged (as "a warehouse and a metro station were hit")
            cue = OutcomeCue(thing.end, thing.end + was_hit.end(), "hit", "damaged", "passive", None, False, False)
            return [(thing.start, thing.end, None, thing, thing.weapon, False, ("toll", cue))]
        if thing.weapon in OBJECT_CLASSES and (
            was_hit
            or lexicon.search_slice(_forces_struck(), text, max(0, thing.start - 80), thing.start)
            or (
                _STRIKE_ON_OBJECT.search(text, max(0, thing.start - 60), thing.start)
                and morphology.grammatical_number(thing.text.split()[-1]) != "plur"  # "поражении объектов": any
            )
        ):
            # "A fuel depot ... was hit", "its forces had struck the Saratov refinery": a strike by the
            # weapon the text is about.
            return [(thing.start, thing.end, None, context_thing, context_thing.weapon, False, "object_hit")]
    return []


def _last_word(thing: ThingMention) -> str:
    words = thing.text.split()
    return words[-1] if words else ""


def names_plural(thing: ThingMention) -> bool:
    """Whether a thing's last word is in the plural ("substations", "об'єкти")."""
    head = _last_word(thing)
    if morphology.has_cyrillic(head):
        return morphology.grammatical_number(head) == "plur"
    return head.lower().endswith("s")


def _plural_noun(thing: ThingMention) -> bool:
    """A thing named in the plural with no number: "substations", "energy facilities", "об'єкти"."""
    return not (is_mass_noun(_last_word(thing)) or thing.is_singular_object) and names_plural(thing)


def _casualties_exist(m: SentenceMentions, anchors) -> list[tuple]:
    """'Є загиблі та поранені', 'Есть пострадавшие', 'there are dead and injured': casualties with
    no number, one claim of each kind named."""
    if any(a[4] == "person" for a in anchors):
        return []
    found = []
    for match in _casualties_exist_pattern().finditer(m.sentence.text):
        if _NONE_BEFORE.search(m.sentence.text, max(0, match.start() - 30), match.start()):
            continue  # "No deaths or injuries were reported"
        for group, word in match.groupdict().items():
            if word:
                start, outcome = match.start(group), group.split("_")[0]  # "killed_after": killed
                cue = OutcomeCue(start, start + len(word), word, outcome, "noun", None, False, False)
                found.append((cue.start, cue.end, None, None, "person", False, ("toll", cue)))
    return found


# None of them: "no deaths or injuries were reported", "no drone fragments had been found", "жодного дрона"
_NONE_BEFORE = re.compile(
    r"(?<![\w])(?:no|not\s+any|not\s+a\s+single|not\s+one|without|жодного|жодних|ни\s+одного)\s+"
    r"(?:[\w-]+\s+(?:or|and)\s+)?$",
    re.I,
)


@cache
def _casualties_exist_pattern() -> re.Pattern[str]:
    words = lexicon.outcomes()["casualties_exist"]
    existential = lexicon.phrase_pattern(words["existential"]).pattern
    killed, injured = (lexicon.phrase_pattern(words[k]).pattern for k in ("killed", "injured"))
    joined = r"\s*(?:,\s*)?(?:and|та|і|и|й)\s+"
    reported = lexicon.phrase_pattern(words["reported_after"]).pattern
    deaths, injuries = (lexicon.phrase_pattern(words[k]).pattern for k in ("killed_reported", "injured_reported"))
    return re.compile(
        rf"(?<![\w])(?:{existential})\s+(?:also\s+|також\s+|также\s+)?"
        rf"(?:(?P<killed>{killed})(?:{joined}(?P<injured>{injured}))?|(?P<injured_first>{injured})(?:{joined}(?P<killed_after>{killed}))?)"
        r"(?![\w])"
        # "Deaths were reported in Kyiv, Odesa and Lviv", "deaths and injuries were reported"
        rf"|(?<![\w])(?:(?P<killed_noun>{deaths})(?:{joined}(?P<injured_noun>{injuries}))?"
        rf"|(?P<injured_reported>{injuries})(?:{joined}(?P<killed_reported>{deaths}))?)\s+(?:{reported})(?![\w])",
        re.I,
    )


# A hit or strike noun right before its weapon, perhaps with the model's opening quote ("удары дронов",
# "прилёты «Гераней»"), and a verb that the strikes were recorded.
_NOUN_BEFORE_WEAPON = re.compile(r"([а-яіїєґё'’]+)[\s\u00a0]*[«\"“„]?[\s\u00a0]*$", re.I)
_RECORDED = re.compile(r"(?<![\w])(?:зафикс\w*|зафікс\w*|фиксиру\w*|фіксу\w*)", re.I)


def _recorded_hits_of(m: SentenceMentions, thing: ThingMention) -> bool:
    text = m.sentence.text
    noun = _NOUN_BEFORE_WEAPON.search(text, max(0, thing.start - 30), thing.start)
    word = noun.group(1) if noun else ""
    if not (word.lower() in _strike_nouns() or _hit_nouns_pattern().fullmatch(word)):
        return False
    if lexicon.search(_NOT_A_HIT_REPORT, text, max(0, noun.start() - 30), noun.start()):
        return False  # "без влучань", "на місці прильоту"
    clause = m.clauses[_clause_of(thing.start, m.clauses)]
    return bool(_RECORDED.search(text, *clause)) and any(
        p.is_locative and p.region_code and clause[0] <= p.start < clause[1] for p in m.places
    )


def _hits_recorded(m: SentenceMentions, anchors, context_thing: ThingMention | None) -> list[tuple]:
    """'Попадания зафиксированы в Сумской и Полтавской областях', 'Влучання зафіксовані у Львові',
    'Hits were recorded in the Sumy region': a hit noun with no weapon named is a strike by the
    weapon the text is about, at each place named, how many not said."""
    text = m.sentence.text
    # "Hits were recorded at 12 locations": several places counted, none named, are places too
    if not any(p.is_locative and p.region_code for p in m.places) and not names_several_places(text):
        return []
    for noun in (*_hit_nouns_pattern().finditer(text), *_HITS_RECORDED.finditer(text)):
        before = text[max(0, noun.start() - 30) : noun.start()]
        clause = m.clauses[_clause_of(noun.start(), m.clauses)]
        if _NOT_A_HIT_REPORT.search(before) or any(
            0 <= noun.start() - c.end <= 20 and c.start >= clause[0] for c in m.counts
        ):
            continue  # "ніч минула без влучань", "на місці влучання працюють", "15 ракетних влучань"
        # "missile hits had been recorded": the weapon the noun names; else the one the text is about,
        # unless a weapon is named in the noun's own clause ("shot down 112 of them; hits were recorded")
        modifier = next((t for t in m.things if t.weapon in WEAPON_CLASSES and 0 <= noun.start() - t.end <= 1), None)
        named = any(a[4] in WEAPON_CLASSES and clause[0] <= a[0] < clause[1] and a[3] is not modifier for a in anchors)
        earlier = [t for t in m.things if t.weapon in WEAPON_CLASSES and t.end <= clause[0]]
        thing = modifier or (earlier[-1] if earlier else context_thing)
        if thing is None or named:
            continue
        if any(c.outcome == "hit" and not c.is_negated and c.start <= noun.start() < c.end for c in m.outcomes):
            return [(noun.start(), noun.end(), None, thing, thing.weapon, False, "object_hit")]
    return []


# Before a hit noun: none happened ("без влучань", "without hits"), or where one was ("на місці
# влучання", "at the site of the impact"), not that one was recorded.
_NOT_A_HIT_REPORT = re.compile(
    r"(?<![\w])(?:без|without|no|місц\w*|мест\w*|site\w*\s+of(?:\s+the)?|scene\s+of(?:\s+the)?)\s+$", re.I
)
_HITS_RECORDED = re.compile(r"\b(?:hits|impacts)\s+(?:were|have\s+been|had\s+been)\s+recorded\b", re.I)


def _the_rest(m: SentenceMentions, anchors, context_thing: ThingMention | None) -> list[tuple]:
    """'11 over Bryansk, nine over Kursk and the rest over the Belgorod and Oryol regions', 'The rest
    were downed over the Kursk and Bryansk regions', 'Остальные перехвачены над ...': the weapons
    counted before, how many not said, one more item at each place listed."""
    text = m.sentence.text
    found = []
    for match in lexicon.finditer(_remainder_pattern(), text):
        if any(a[0] <= match.start() < a[1] for a in anchors):
            continue
        if any(0 <= t.start - match.end() <= 2 for t in m.things):
            continue  # "the remaining drones": the thing is named and counted on its own
        is_item = _LIST_ITEM.match(text[match.end() :])
        verb_after = any(
            o.start >= match.end() and o.outcome in ("intercepted", "launched", "hit") and not o.is_negated
            for o in m.outcomes
        )  # "the others were injured" are people, not the weapons counted before
        if not (is_item or verb_after):
            continue
        counted = [a for a in anchors if a[2] is not None and a[1] <= match.start() and a[3] is not None]
        earlier = [t for t in m.things if t.end <= match.start() and t.weapon in WEAPON_CLASSES]
        thing = counted[-1][3] if counted else earlier[-1] if earlier else context_thing
        if thing is not None and thing.weapon in WEAPON_CLASSES:
            found.append((match.start(), match.end(), None, thing, thing.weapon, True, "remainder"))
    return found


def _all_of_them(m: SentenceMentions, anchors, context_thing: ThingMention | None) -> list[tuple]:
    """'fired 18 missiles at Kyiv, and all of them were shot down': all the things just counted;
    'both were shot down': two of them."""
    text = m.sentence.text
    found = []
    for match in _ALL_OF_THEM.finditer(text):
        counted = [a for a in anchors if a[2] is not None and a[2].value and a[1] <= match.start() and a[3] is not None]
        if (match.group(1) or "").lower() == "both":
            thing = counted[-1][3] if counted else context_thing
            value = 2
        elif counted:
            thing, value = counted[-1][3], counted[-1][2].value
        else:
            continue
        if any(c.start <= match.start() < c.end for c in m.counts):
            continue  # "both" the number word is counted already
        if thing is None or not _followed_by_cue(text, CountMention(match.start(), match.end(), "", 0, ""), m.outcomes):
            continue
        count = CountMention(match.start(), match.end(), match.group(0), value, "exact")
        found.append((match.start(), match.end(), count, thing, thing.weapon, False, "part"))
    return found


# "All of them were intercepted", "Все они были уничтожены", "Усі вони були знищені": opening a sentence
_ALL_OF_THEM_OPENING = re.compile(
    r"\W*(?:all(?:\s+of\s+them)?|both(?:\s+of\s+them)?|все\s+(?:они|из\s+них)|(?:всі|усі)\s+(?:вони|з\s+них))"
    r"(?=\s+(?:were|was|had|have|been|были|было|були|було|\w+(?:ены|ені|ено|ито|иты|ті|ли))\b)",
    re.I,
)


_TOLL_VERB_GAP = re.compile(r"\s+(?:(?:were|was|are|have\s+been|had\s+been|got)\s+)?", re.I)


def _vague_toll(text: str, count: CountMention, outcomes: list[OutcomeCue]) -> bool:
    """'12 were killed and dozens injured', 'Dozens were wounded': people counted vaguely, how many not said."""
    return any(
        o.outcome in ("injured", "killed") and not o.is_negated and _TOLL_VERB_GAP.fullmatch(text, count.end, o.start)
        for o in outcomes
    )


def _all_of_those_before(m: SentenceMentions, anchors: list[tuple], previous: list[Draft]) -> list[tuple]:
    """'The Kiev regime attempted to strike Moscow Region with six UAVs. All of them were
    intercepted': all the things the sentence before counted, with this sentence's verb."""
    opening = _ALL_OF_THEM_OPENING.match(m.sentence.text)
    if opening is None or not previous or any(a[2] is not None and a[4] in WEAPON_CLASSES for a in anchors):
        return anchors
    last = previous[-1].sentence.index
    counted = [d for d in previous if d.sentence.index == last and d.weapon in WEAPON_CLASSES and d.count]
    if len(counted) != 1 or counted[0].thing is None:
        return anchors
    start, end = opening.start(), opening.end()
    count = CountMention(start, end, opening.group(0), counted[0].count, "exact")
    if not _followed_by_cue(m.sentence.text, count, m.outcomes):
        return anchors
    all_of_them = (start, end, count, counted[0].thing, counted[0].weapon, False, "part")
    return sorted([*anchors, all_of_them], key=lambda a: a[0])


def _repelled_attacks(m: SentenceMentions, context_thing: ThingMention | None, anchors) -> list[tuple]:
    """'The attack on the Millerovsky district was repelled', 'repelled a drone attack': things
    were stopped, how many not said. The weapon is the one named with the attack or the one in context."""
    text = m.sentence.text
    found = []
    if lexicon.outcome_phrases("ground_combat").search(text):
        return found  # "the enemy tried to storm our positions seven times, all attacks were repelled"
    for cue in m.outcomes:
        if cue.outcome != "intercepted" or not _REPEL.match(cue.text):
            continue
        for noun in _ATTACK_NOUN.finditer(text):
            after = [
                t
                for t in m.things
                if t.weapon in WEAPON_CLASSES and _THING_AFTER_ATTACK.fullmatch(text, noun.end(), t.start)
            ]  # "атака одного беспилотника", "an attack of drones"
            # "атака беспилотников на Саратов отражена": the verb follows the attack's weapon
            attack_end = after[0].end if after and after[0].end <= cue.start else noun.end()
            before_cue = attack_end <= cue.start and _REPELLED_AFTER.fullmatch(text[attack_end : cue.start])
            after_cue = noun.start() >= cue.end and _REPELLING_BEFORE.fullmatch(text[cue.end : noun.start()])
            if not (before_cue or after_cue):
                continue
            if _ATTACK_BY.match(text[noun.end() :]):
                continue  # "an attack by 16 UAVs was repelled": the 16 are counted on their own
            named = [t for t in m.things if 0 <= noun.start() - t.end <= 1 and t.weapon in WEAPON_CLASSES]
            if after and any(a[0] <= after[0].start < a[1] and a[2] is not None and a[2].value for a in anchors):
                continue  # "отражена атака одного беспилотника": the one is counted on its own
            named = named or after
            thing = named[0] if named else context_thing
            if thing is None or thing.weapon not in WEAPON_CLASSES:
                continue
            start = named[0].start if named else noun.start()
            # a figure of its own, not "массированная атака" (a vague word for the attack's size)
            if any(a[0] <= start < a[1] and a[2] is not None and a[2].value for a in anchors):
                continue
            found.append((start, noun.end(), None, thing, thing.weapon, False, "repelled"))
            break
    return found


_FUNCTION_WORD = (
    r"(?:after|before|when|while|as|because|since|until|than|in|on|at|from|to|by|with|for|and|or|but|"
    r"the|a|an|were|was|are|is|had|have|has)(?![\w'’-])"
)


def _count_for(text: str, thing: ThingMention, counts: list[CountMention], cues: list[OutcomeCue]):
    for count in reversed(counts):
        if count.end > thing.start:
            continue
        gap = text[count.end : thing.start]
        if count.is_article and not _is_singular(thing):
            if re.fullmatch(r"\s+of\s+(?:the|these|those)\s+", gap, re.I) and count.value == 1:
                return count  # "one of the bombs hit a printing house"
            return None
        # One word the lexicons lack may stand between: a model ("a Molniya drone", "two Lancet drones")
        # for weapons, any modifier for objects ("three grain trucks").
        # Quotation marks around a model are no gap ('a "Lyutyi" drone', 'дев'ять «шахедів»').
        # A word of a clause's joints is no modifier ("risen to four after rescuers pulled ...").
        unknown_word = (
            r"(?-i:[A-ZА-ЯІЇЄ])[\w'’-]*" if thing.weapon in WEAPON_CLASSES else rf"(?!{_FUNCTION_WORD})[\w'’-]+"
        )
        quote = r"[\"“”«»„]?"
        if re.fullmatch(
            r"[\s\u00a0]*(?:of[\s\u00a0]+(?:the|these|those|them|its|their)[\s\u00a0]+)?"
            rf"(?:(?:more|other|further|additional)[\s\u00a0]+)?(?:{quote}{unknown_word}{quote}[\s\u00a0]+)?{quote}"
            r"[\s\u00a0]*",  # '"about a dozen" drones': the count in quotes
            gap,
            re.I,
        ):
            return count
        # Russian and Ukrainian adjectives between a numeral and its noun ("21 ворожого дрона",
        # "14 украинских беспилотников") say what kind, not how many.
        words = gap.replace("«", " ").replace("»", " ").split()
        if (
            words
            and len(words) <= 3
            and "," not in gap  # "двоє чоловіків, авто": a list's next item, not a modifier of it
            and all(morphology.is_adjective(w.strip('"“”„')) for w in words)
        ):
            return count
        # "5,318 long-range attack and decoy drones": the thing's modifiers, coordinated, before it.
        if (
            thing.weapon in WEAPON_CLASSES
            and words
            and len(words) <= 6
            and all(w.lower().strip(",") in _weapon_modifiers() or w.lower() in ("and", "or") for w in words)
        ):
            return count
        # "17 intercepted drones", "nine downed drones": a participle between count and noun, with its
        # own short phrase and the noun's adjectives ("о 48 сбитых за ночь беспилотниках", "29 из 30
        # запущенных по Украине крылатых ракет").
        if any(
            c.start >= count.end
            and c.end <= thing.start
            and not text[count.end : c.start].strip()
            and _participle_phrase(text, c, thing.start)
            for c in cues
        ):
            return count
        return None
    after = text[thing.end : thing.end + 20]
    dashed = re.match(r"\s*[—–-]+\s*(\d[\d,]*)\s*[—–-]+", after)
    if dashed:
        for count in counts:
            if count.start == thing.end + dashed.start(1):
                return count
    return None


_PARTICIPLE_COMPLEMENT = re.compile(
    r"\s*(?:за\s+(?:\w+\s+)?(?:ночь|сутки|день|ніч|добу|выходные|вихідні|неделю|тиждень)|ночью|вночі|уночі|накануне|"
    r"напередодні|overnight|"
    # a place: a name, or the region or country told of ("над регионом", "по Україні")
    r"(?:по|над|на|в|во|у)\s+(?:(?-i:[А-ЯІЇЄ])[\w'’-]+|регион\w*|регіон\w*|территори\w*|територі\w*|стран\w*|країн\w*))"
    r"(?=\s)",
    re.IGNORECASE,
)


def _participle_phrase(text: str, cue: OutcomeCue, end: int) -> bool:
    """Whether the text between a cue and the noun at `end` is nothing, or, the cue being a participle,
    its time or place phrase followed only by the noun's adjectives ("за ночь", "по Украине крылатых")."""
    if not text[cue.end : end].strip():
        return True
    # (the Ukrainian dictionary keeps passive participles as adjectives: "збиті")
    word = cue.text.split()[-1]
    if not (morphology.is_participle(word) or morphology.is_adjective(word)):
        return False  # "ещё один упал на территории предприятия": a finite verb's phrase, not a participle's
    phrase = _PARTICIPLE_COMPLEMENT.match(text, cue.end, end)
    if phrase is None:
        return False
    words = text[phrase.end() : end].split()
    return len(words) <= 2 and all(morphology.is_adjective(w) for w in words)


@cache
def _weapon_modifiers() -> frozenset[str]:
    return frozenset(m.lower() for m in lexicon.weapons()["modifiers"] if " " not in m)


def _is_debris_of(text: str, start: int) -> bool:
    """The thing at `start` is what debris came from: "debris of a downed drone", or in Russian
    and Ukrainian a debris noun in any case, then only adjectives and participles ("уламки
    збитої ворожої ракети", "обломками сбитого беспилотника")."""
    if lexicon.search_slice(_DEBRIS_BEFORE, text, max(0, start - 80), start):
        return True
    words = _CYRILLIC_WORDS_BEFORE.search(text[max(0, start - 80) : start])
    if words is None:
        return False
    nearest_first = words.group(1).split()[::-1]
    for index, word in enumerate(nearest_first):
        if word.lower() in _debris_nouns():
            return all(morphology.is_adjective(modifier) for modifier in nearest_first[:index])
    return False


@cache
def _debris_word() -> re.Pattern[str]:
    """Debris named with no thing after it ("Debris hit a house", "от падения обломков")."""
    return lexicon.phrase_pattern(_debris_nouns())


def is_debris_word(word: str) -> bool:
    """'уламків', 'обломки', 'debris': a debris noun in any of its forms."""
    return lexicon.normalise(word) in _debris_nouns()


@cache
def _debris_nouns() -> frozenset[str]:
    return frozenset(form for noun in lexicon.outcomes()["debris_nouns"] for form in morphology.forms_of(noun))


def _debris_did_something(outcomes: list[OutcomeCue], start: int, clauses) -> bool:
    """A Russian or Ukrainian clause where the debris hit, damaged, injured or killed: its verb
    is one of those outcomes ("уламки ракети пошкодили будинки", "обломками ранены двое")."""
    clause = clauses[_clause_of(start, clauses)]
    return any(
        clause[0] <= o.start < clause[1]
        and o.outcome in ("hit", "damaged", "injured", "killed")
        and not (o.is_negated or o.is_non_event)
        and lexicon.normalise(o.text) not in _debris_nouns()  # the debris word itself is no verb
        for o in outcomes
    )


def _after_strike_noun(text: str, thing: ThingMention) -> bool:
    """The weapon of a Russian or Ukrainian strike noun ("внаслідок удару дрона", "атака
    беспилотника на"): the strike is told, not a number of weapons."""
    word = re.search(r"([а-яіїєґё'’]+)[\s\u00a0]+$", text[max(0, thing.start - 30) : thing.start], re.I)
    return word is not None and word.group(1).lower() in _strike_nouns()


# An article before a cue that is a noun or a verb ("strike"): the noun
_ARTICLE_BEFORE_NOUN = re.compile(r"(?<![\w])(?:a|an|another|the|this|one\s+more)\s+$", re.IGNORECASE)


def _attack_before_colon(text: str) -> bool:
    """The clause before a colon names an attack ("Overnight, a combined attack:")."""
    clause = re.split(r"[.;!?]", text)[-1]
    return bool(_attack_nouns_pattern().search(clause))


@cache
def _strike_adjectives() -> dict[str, str]:
    table = lexicon.outcomes().get("strike_adjectives") or {}
    return {
        form.lower(): weapon for weapon, words in table.items() for w in words for form in morphology.adjective_forms(w)
    }


def _strike_adjective_weapon(text: str, noun_start: int) -> list[ThingMention]:
    """'ракетного удару', 'масованого комбінованого удару': the weapon an adjective before the strike
    noun names, within the two words before it, as a thing with no number."""
    words = list(re.finditer(r"[\w'’-]+", text[max(0, noun_start - 50) : noun_start]))[-2:]
    offset = max(0, noun_start - 50)
    for word in reversed(words):
        weapon = _strike_adjectives().get(word.group(0).lower())
        if weapon is not None:
            start, end = offset + word.start(), offset + word.end()
            return [ThingMention(start, end, word.group(0), weapon, None, None, False, None)]
    return []


@cache
def _drop_verbs() -> frozenset[str]:
    """Every form of the verbs of dropping ("сбросил", "скинув", "dropped"), lower case."""
    return frozenset(f.lower() for verb in lexicon.outcomes()["drop_verbs"] for f in morphology.forms_of(verb))


@cache
def _hit_nouns_pattern() -> re.Pattern[str]:
    return lexicon.phrase_pattern(_noun_forms(lexicon.outcomes()["hit_nouns"]))


@cache
def _attack_nouns_pattern() -> re.Pattern[str]:
    return lexicon.phrase_pattern(["attack", "strike", "raid", "barrage", "assault", "shelling", *_strike_nouns()])


@cache
def _strike_nouns() -> frozenset[str]:
    return _noun_forms(lexicon.outcomes()["strike_nouns"])


def _strikes_counted_before(text: str, thing: ThingMention, m: SentenceMentions) -> CountMention | None:
    """The count of strikes right before the weapon that made them ("2 удари КАБами", "4 атаки
    FPV-дронами", "6 обстрілів із РСЗВ"); not by weapons of a kind ("29 ударов высокоточным оружием")."""
    if is_mass_noun(thing.text.split()[-1]):
        return None
    for count in m.counts:
        if not 0 < thing.start - count.end <= 30:
            continue
        strikes = _strike_count_after().match(text, count.end)
        if strikes and _BY_WEAPON.fullmatch(text, strikes.end(), thing.start):
            return count
    return None


def _times_attacked_with(m: SentenceMentions, thing: ThingMention) -> CountMention | None:
    """How many times the clause's one weapon struck ("attacked ... with drones 14 times", "11 раз
    атаковал FPV-дронами"): with guns beside it ("with drones and artillery 14 times") the strikes are
    no one weapon's."""
    clause = _clause_of(thing.start, m.clauses)
    repetitions = [r for r in find_repetitions(m.sentence.text) if _clause_of(r.start, m.clauses) == clause]
    if len(repetitions) > 1:
        # "attacked with drones five times and fired artillery twice": the times before another verb
        repetitions = [
            r
            for r in repetitions
            if r.start > thing.end and not _ANOTHER_VERB_BETWEEN.search(m.sentence.text, thing.end, r.start)
        ]
    if len(repetitions) != 1:
        return None
    text, times = m.sentence.text, repetitions[0]
    attacks = [
        o
        for o in m.outcomes
        # "came under attack by drones 12 times": "attack by", which sends counted drones, told as strikes
        if (o.outcome == "hit" or (o.outcome == "launched" and _ATTACK_STEM.search(o.text)))
        and _clause_of(o.start, m.clauses) == clause
        # debris that fell "four times"
        and not (lexicon.normalise(o.text) in _debris_nouns() or _FELL.match(o.text))
        # "shelled the villages 60 times and attacked them with drones": the times are another verb's
        and (o.end <= times.start or not _ANOTHER_VERB_BETWEEN.search(text, times.end, o.start))
        # ... and shelling is ground fire: its times are no one weapon's strikes ("23 рази обстріляв")
        and not _SHELLED.match(o.text)
    ]
    if not attacks:
        return None
    if any(_days_spanned(t) > 1 for t in m.times):
        return None  # "since August, drones attacked refineries 19 times": a tally of weeks, no day's report
    weapons = {t.weapon for t in m.things if _clause_of(t.start, m.clauses) == clause and t.weapon in WEAPON_CLASSES}
    if weapons != {thing.weapon}:
        return None
    # Guns that share the strikes: named in the phrase of the weapon and the times, or joined to the
    # weapon ("with drones and artillery 14 times"); not those of another verb ("... five times and
    # fired heavy artillery").
    span_start = min(thing.start, times.start, *(o.start for o in attacks))
    joined = _JOINED_ARMS.match(text, thing.end)
    if _ground_fire().search(text, span_start, max(thing.end, times.end)) or (
        joined and _ground_fire().search(text, joined.end(), joined.end() + 30)  # "and heavy artillery"
    ):
        return None
    return times


_SHELLED = re.compile(r"shell|обстрел|обстріл", re.IGNORECASE)


def _days_spanned(time: TimeMention) -> int:
    """How many days a time mention spans, measured from a day of its own when the article has no date
    ("за последние четыре недели" is four weeks whenever it was written)."""
    if time.period_start is None or time.period_end is None:
        found = find_time_mentions(time.text, _ANY_DAY)
        if not found or found[0].period_start is None or found[0].period_end is None:
            return 0
        time = found[0]
    return (time.period_end - time.period_start).days


_ANY_DAY = date(2024, 6, 15)
_JOINED_ARMS = re.compile(r"\s+(?:and|та|і|й|и)\s+", re.I)
_ATTACK_STEM = re.compile(r"attack|атак", re.I)
_FELL = re.compile(r"(?:fell|fall|пада|впал|упал)", re.I)
_ANOTHER_VERB_BETWEEN = re.compile(r"(?:,|\s(?:and|и|і|та|а)\s)", re.I)


# Between a strike noun and its weapon: nothing, or a preposition ("обстрілів із РСЗВ")
_BY_WEAPON = re.compile(r"\s+(?:(?:з|із|зі|из|с|со)\s+)?", re.IGNORECASE)
# After counted strikes: they landed ("10 strikes were recorded", "two strikes had hit"), so they count hits.
_STRIKES_LANDED = re.compile(
    r"\s+(?:were\s+|had\s+|have\s+|has\s+)?(?:been\s+)?(?:recorded|registered|hit|struck|landed)\b", re.I
)


@cache
def _strike_count_after() -> re.Pattern[str]:
    """Matched after a count: the strikes it counts, perhaps after one word ("43 air strikes")."""
    nouns = lexicon.alternatives(
        sorted({*_strike_nouns(), "strikes", "attacks", "airstrikes", "raids", "shellings"}, key=len, reverse=True)
    )
    return re.compile(rf"\s+(?:[\w-]+\s+)?(?:{nouns})(?![\w])", re.I)


def _noun_forms(nouns: list[str]) -> frozenset[str]:
    """Every noun form of lexicon nouns: "удара", not the verb "ударив"; of a phrase, those whose last
    word, its head, is a noun ("повітряні об'єкти")."""
    return frozenset(
        form for noun in nouns for form in morphology.forms_of(noun) if morphology.is_noun(form.split()[-1])
    )


_FIRED_FROM = re.compile(r"(?<![\w])(?:з|із|зі|из|со?)\s+$", re.I)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:(?:a|an|the)\s+)?$", re.I)


def _is_singular(thing: ThingMention) -> bool:
    last = thing.text.split()[-1].lower().strip('()"“”')
    # "bus", "minibus", "trolleybus", "campus": an -s that is no plural ending
    return not last.endswith("s") or last.endswith(("ss", "us", "is")) or last in ("uas", "himars", "atacms", "harms")


_NOTHING_COUNTED_AFTER = re.compile(r"\s*(?:[,.;:!?»”\"–—)]|-\s|$)")


def _counted_by_cue_before(text: str, count: CountMention, cues: list[OutcomeCue]) -> bool:
    """A number straight after a verb with no noun after it ("з них збито 83,", "shot down 12."):
    the verb's count of the thing named before."""
    return _NOTHING_COUNTED_AFTER.match(text, count.end) is not None and any(
        cue.end <= count.start and not text[cue.end : count.start].strip() for cue in cues
    )


def _followed_by_cue(text: str, count: CountMention, cues: list[OutcomeCue]) -> bool:
    return any(cue.start >= count.end and _AFTER_GAP.match(text[count.end : cue.start]) for cue in cues)


def _end_of_coordinated_list(text: str, end: int, limit: int, anchors) -> int:
    """Where a list that starts with the anchor ending at `end` ends, before `limit`: the items are
    joined by commas and "and" ("three houses, two garages, and a shop"); `end` when none follows."""
    following = [a for a in anchors if end <= a[0] and a[1] <= limit]
    if not following or not _continues_list(text, end, min(following, key=lambda a: a[0])):
        return end  # most things start no list: the one after them is looked at without sorting all
    last = end
    for anchor in sorted(following, key=lambda a: a[0]):
        if not _continues_list(text, last, anchor):
            break
        last = anchor[1]
    return last


_TRAILING_WORD = re.compile(r"([\w'ʼ-]+)\s*$")


def _continues_list(text: str, last: int, anchor) -> bool:
    # "в торговельний центр і пологовий будинок": a Cyrillic item's own adjectives stand before its noun
    start = anchor[0]
    while (word := _TRAILING_WORD.search(text, last, start)) and morphology.is_descriptive_adjective(word.group(1)):
        start = word.start()
    # "32 drones, 28 of which were destroyed": a part, not a next item
    return (
        bool(_COORDINATED.fullmatch(text, last, start))
        and not _OF_WHICH.match(text, anchor[1])
        and not (len(anchor) == 7 and anchor[6] == "part")  # "20 drones, all of which were downed"
    )


def _downed_later(m: SentenceMentions, anchors, start: int, weapon: str, value: int) -> bool:
    """Whether a figure in a clause with no verb is followed, in a later clause of its sentence, by
    no more of the same weapons shot down."""
    if weapon not in WEAPON_CLASSES:
        return False
    clause = _clause_of(start, m.clauses)
    if any(_clause_of(o.start, m.clauses) == clause for o in m.outcomes):
        return False
    for a in anchors:
        if a[4] != weapon or a[2] is None or a[2].value is None or a[2].value > value:
            continue
        if _clause_of(a[0], m.clauses) <= clause:
            continue
        cue = _governing_cue(m.sentence.text, a[0], a[1], a[4], m.outcomes, m.clauses, anchors, True)
        if cue is not None and cue.outcome == "intercepted":
            return True
    return False


# The thing a part is in: "В доме", "у багатоповерхівці", "в шести квартирах", "in a house".
_IN_WHICH = re.compile(r"(?<![\w])(?:в|во|у|in|inside)\s+(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)


def _object_first(cue: OutcomeCue, weapon: str) -> bool:
    """Russian and Ukrainian put a counted object first ("14 безпілотників випустили окупанти",
    "два дрона сбили над Курском"): a munition before such a verb was launched or downed, as it
    cannot launch or down anything itself; an aircraft before it may be the shooter. A bare noun
    ("ракету запустили з Криму") is one told of before, no count of its own."""
    return (
        weapon in ("drone", "missile", "guided_bomb", "rocket")
        and morphology.has_cyrillic(cue.text)
        and cue.text.lower() not in _drop_verbs()  # "беспилотник сбросил": a drone drops things
    )


# A semicolon or "where" before a fire's own clause, a few words of time or place before it ("hit a fuel
# depot overnight; a fire broke out", "влучив у склад, де виникла пожежа")
_FIRE_CLAUSE_GAP = re.compile(
    r"(?:[\s\u00a0]+[\w'’-]+){0,3}?[\s\u00a0]*(?:;|,[\s\u00a0]*(?:where|де|где))[\s\u00a0]*", re.I
)


def is_both_word(text: str) -> bool:
    """'both', 'оба', 'обоє': a count of two that names those just counted again."""
    return _BOTH.fullmatch(text) is not None


def _noun_cue(word: str) -> bool:
    """A Russian or Ukrainian cue that is a noun only ("попадания", "влучання"), no verb's form."""
    return " " not in word and morphology.has_cyrillic(word) and morphology.is_noun(word)


def _one_by_article(anchors, start: int) -> bool:
    """'a ballistic missile', 'an Iskander-M missile': the anchor at `start` counted one by "a" / "an" alone."""
    return any(
        a[0] == start and a[2] is not None and a[2].is_article and _A_OR_AN.fullmatch(a[2].text) is not None
        for a in anchors
    )


_A_OR_AN = re.compile(r"an?", re.I)
# A figure that takes up all of what was just counted ("all 16 drones", "все 16 дронов", "обе ракеты").
_ALL_COUNTED = re.compile(rf"(?:all|все|всех|всі|усі|{_BOTH.pattern})\s", re.I)


def _attacked_with_before_colon(text: str, verb_end: int, start: int, anchors) -> bool:
    """'противник атакував ударними БпЛА та ракетами: 2 балістичні ракети ...': the weapons named in
    the instrumental before a colon, then the figures of what the attack was made with."""
    if not text[verb_end:start].rstrip().endswith(":"):
        return False
    return any(
        verb_end <= a[0] and a[1] <= start and a[4] in WEAPON_CLASSES
        and morphology.is_instrumental(text[a[0] : a[1]].split()[-1])
        for a in anchors
    )  # fmt: skip


def _governing_cue(
    text, start, end, weapon, cues, clauses, anchors, has_count=True, part_starts=frozenset()
) -> OutcomeCue | None:
    allowed = ALLOWED_OUTCOMES.get(weapon, ())
    clause = _clause_of(start, clauses)
    best, best_score = None, None
    # "погиб мужчина, трое ранены": a verb right before the thing is its own; a verb after a comma
    # belongs to the next item then, not to a list of both.
    verb_first = any(
        c.end <= start and not text[c.end : start].strip() and c.voice in ("active", "either", "passive")
        and c.outcome in allowed and morphology.has_cyrillic(c.text)
        for c in cues
    )  # fmt: skip
    anchor_starts: set[int] | None = None  # built at the first cue after the thing
    for cue in cues:
        outcome = cue.outcome
        if outcome not in allowed or (cue.applies_to and weapon not in cue.applies_to):
            continue
        score = None
        if cue.start >= end and verb_first and "," in text[end : cue.start]:
            continue
        if _describes_another(text, cue, start, end, anchors):
            continue  # "shot down four bombs, 11 rockets launched by HIMARS and 96 drones": the 11 rockets'
        if cue.start >= end and "," in text[end : cue.start] and _debris_word().fullmatch(cue.text):
            continue  # "сбили два беспилотника, обломки одного из них упали": the debris is its own clause's
        if cue.start >= end and any(end <= a[0] and a[1] <= cue.start and a[6:] == ("part",) for a in anchors):
            continue  # "20 drones, all of which were shot down": the verb is the part's
        if cue.start >= end and any(
            end <= a[0] and a[1] <= cue.start and "," in text[end : a[0]] and _ALL_COUNTED.match(text, a[0])
            for a in anchors
        ):
            continue  # "атаковала 16 дронами, все 16 дронов были сбиты": the verb is the restatement's
        if cue.start >= end and _OF_WHICH_AFTER_COMMA.search(text, end, cue.end):
            continue  # "92 ударними БпЛА, з них збито або подавлено 70": the verbs are the part's
        if cue.start >= end and "," in text[end : cue.start] and _noun_cue(cue.text):
            continue  # "сбиты 41 ракета и 448 беспилотников, попадания ракет ...": a noun after a comma opens its own
        if cue.start >= end:
            # "Three houses, two garages and a shop were damaged": the verb after a list is every item's.
            gap = text[_end_of_coordinated_list(text, end, cue.start, anchors) : cue.start]
            # An anchor with only spaces between the cue and it: one that starts within them.
            spaces_end = _SPACES.match(text, cue.end).end()
            if anchor_starts is None:
                anchor_starts = {a[0] for a in anchors}
                if _IN_WHICH.search(text, max(0, start - 40), start) is None:
                    # Parts after the verb are its subject, and the thing they are in their owner ("В доме
                    # выбиты окна"); after a thing in no such phrase they are the object of its verb.
                    anchor_starts |= part_starts
            object_follows = any(p in anchor_starts for p in range(cue.end, spaces_end + 1)) and not re.search(
                r"\b(?:was|were|been|being|is|are)\b", gap, re.IGNORECASE
            )
            if object_follows and cue.outcome != "hit":
                pass  # "a fighter jet shot down a Su-27": the thing before an active verb is the shooter
            elif _participle_with_object(text, cue, end, anchors):
                pass  # "struck a warehouse in Rossosh, destroying two trucks": the participle's object follows it
            elif (cue.voice in ("passive", "either") or morphology.is_participle(cue.text)) and (
                _AFTER_GAP.match(gap)
                # "загинула 1 людина, ще 9 – поранені": a toll's figure, a dash, then what befell them
                or (cue.outcome in ("injured", "killed") and _DASH_ONLY.fullmatch(gap))
                # "hit a workshop; a fire broke out", "..., where a fire broke out": the fire's own clause
                or (_is_fire_clause(cue) and _FIRE_CLAUSE_GAP.fullmatch(gap))
                or (cue.outcome == "hit" and re.fullmatch(r"\s*(?:had|has|have)\s+", gap))
                # "had been shot down", where the lexicon's cue is "been shot down"
                or (cue.text.lower().startswith("been") and re.fullmatch(r"\s*(?:had|has|have)\s+", gap))
            ):
                # The hitter is the subject: "a drone had struck a depot" (not so for shooters).
                score = len(gap)
                if cue.voice == "active":
                    # "сбиты 12 беспилотников, запущенных с ...": a participle describes the thing; a
                    # verb before it that governs it comes first (the participle adds the launch).
                    score += 5
        elif cue.end <= start:
            gap = text[cue.end : start]
            # "attacked an energy facility in Zaporizhzhia with two drones": the object attacked
            # stands between the verb and what it was attacked with.
            # "атаковали портовую инфраструктуру Одесского района ударными дронами": so does it before a
            # weapon in the instrumental.
            objects_pass = (cue.outcome == "hit" and lexicon.search(_WITH_GAP, gap) is not None) or (
                weapon in WEAPON_CLASSES
                and _ATTACKED_WITH.fullmatch(cue.text) is not None
                and morphology.is_instrumental(text[start:end].split()[-1])
            )
            in_between = [a for a in anchors if cue.end <= a[0] and a[1] <= start]
            gapped = _gapped_more(text, start, weapon, anchors, in_between)
            between = not gapped and any(not (objects_pass and a[4] in OBJECT_CLASSES) for a in in_between)
            if cue.voice in ("active", "either", "noun") and not between:
                if _BEFORE_GAP.match(gap) or lexicon.search(_WITH_GAP, gap) or _PLACE_ITEM_GAP.match(gap):
                    # "Of 145 drones launched, 98 were shot down": a cue before a comma ends its own clause.
                    score = len(gap) + 2 + (30 if "," in gap and cue.voice == "either" else 0)
                    if re.search(r"(?<![\w])(?:and|but|while|а|і|и|та|но|але)\s*$", gap, re.I):
                        # "three were killed and six others were injured": a verb before "and" is the
                        # previous clause's; the count's own verb after it wins when there is one.
                        score += 30
                elif (
                    _clause_of(cue.start, clauses) == clause and len(gap) < 90 or gapped and len(gap) < 160
                ) and "." not in gap:
                    score = 60 + len(gap)
        if score is not None and (best_score is None or score < best_score):
            best, best_score = cue, score
            # With no number ("attacked Odesa with drones") it stays a hit, as the spec reads "drones attacked Kyiv".
            if (
                has_count
                and cue.outcome == "hit"
                and cue.end <= start
                and (re.match(r"attack", cue.text, re.I) or lexicon.normalise(cue.text) in ATTACKING_VERBS)
                and (
                    lexicon.search_slice(_WITH_GAP, text, cue.end, start)
                    or _attacked_with_before_colon(text, cue.end, start, anchors)
                    # "завдали удару по Запоріжжю двома КАБами": the instrumental needs no "with"
                    or morphology.has_cyrillic(cue.text)
                )
                # "attacked the city with a ballistic missile": the one weapon struck
                and not _one_by_article(anchors, start)
            ):
                # "attacked the south of Ukraine with 24 drones": the spec's "attacked with" is a launch.
                best = OutcomeCue(cue.start, cue.end, cue.text, "launched", "active", None, False, False)
    if (
        best is not None
        and best.outcome == "launched"
        and re.fullmatch(r"attacked\s.*\bwith", best.text, re.I)
        and best.end <= start
        and _one_by_article(anchors, start)
        and not any(a[0] >= end and a[2] is not None and _clause_of(a[0], clauses) == clause for a in anchors)
    ):
        # "attacked the city with a ballistic missile": the one weapon struck, as "a drone attacked" does
        # (not one item of a tally: "attacked Ukraine with an Iskander-M missile and 88 drones")
        best = OutcomeCue(best.start, best.end, best.text, "hit", "active", None, False, False)
    if (
        best is not None
        and best.voice == "noun"
        and best.outcome == "launched"
        and re.match(r"attack", best.text, re.I)
    ):
        # "an attack by 16 UAVs was repelled", "repelled an attack by 3 UAVs": the attack failed.
        repelled = [
            c
            for c in cues
            if c.outcome == "intercepted"
            and _clause_of(c.start, clauses) == clause
            and re.match(r"repel|thwart|foil", c.text, re.I)
        ]
        if repelled:
            best = repelled[0]
    if best is None:
        # A cue elsewhere in the clause still governs a lone thing ("...with 19 drones shot down").
        same_clause = [
            c
            for c in cues
            if _clause_of(c.start, clauses) == clause
            and c.outcome in allowed
            and not (c.applies_to and weapon not in c.applies_to)
            and not _participle_with_object(text, c, end, anchors)
            # "застосовано п'ять дронів, усі вони знищені": the verb after the part is the part's
            and not (c.start >= end and any(end <= a[0] and a[1] <= c.start and a[6:] == ("part",) for a in anchors))
        ]
        one_word = len({(c.start, c.end) for c in same_clause}) == 1  # "атакували": launched or hit
        if one_word and len(same_clause) > 1 and same_clause[0].start >= end:
            same_clause = [c for c in same_clause if c.voice in ("passive", "either")] or same_clause
        if len(same_clause) >= 1 and len({c.outcome for c in same_clause}) == 1:
            best = min(same_clause, key=lambda c: abs(c.start - start))
            agent = best.start >= end and re.fullmatch(r"\s*(?:had|has|have)?\s*", text[end : best.start])
            if agent and best.outcome != "hit" and not (has_count and _object_first(best, weapon)):
                best = None  # "Polish aircraft had shot down drones": the shooters, not a claim
    if (
        best is not None
        and has_count
        and best.outcome == "hit"
        and best.start >= end
        and weapon in WEAPON_CLASSES
        and re.match(r"атак", best.text, re.I)
        and re.match(r"\d{2,}", text[start:end])  # a figure of many, not "ще один дрон атакував"
    ):
        # "276 ударних БпЛА атакували Гуляйпільську громаду": counted weapons that attacked were
        # sent, as "24 drones attacked Odesa" (one drone that attacked a car struck it)
        best = OutcomeCue(best.start, best.end, best.text, "launched", "passive", None, False, False)
    if (
        best is not None
        and not has_count
        and best.outcome == "launched"
        and best.end <= start
        and weapon in WEAPON_CLASSES
        and _ATTACKED_WITH.fullmatch(best.text)
        and re.fullmatch(r"[\s\w-]*", text[best.end : start])
        and morphology.is_instrumental(text[start:end].split()[-1])
    ):
        # "ВСУ атаковали FPV-дронами поселок Климово": attacked with weapons and no number, a strike
        # on what was attacked, as "attacked Odesa with drones"
        best = OutcomeCue(best.start, best.end, best.text, "hit", "active", None, False, False)
    return best


_ATTACKED_WITH = re.compile(r"атак\w*|ударил\w*|вдарил\w*|вдарив", re.I)


# "з напрямків Брянськ, Орел, Приморсько-Ахтарськ", "с направления Курска и Белгорода": every place of
# the list after "from the direction(s)/area of" is a launch site, until a preposition of place.
_FROM_DIRECTIONS = re.compile(
    r"(?<![\w])(?:з|із|зі|из|с|со)\s+(?:напрям\w*|направлени\w*|район\w*)(?P<gap>[^;:.!?]{0,80})$", re.I
)
_PLACE_PREPOSITION = re.compile(r"(?<![\w])(?:над|в|у|на|по|під|под|біля|возле)\s", re.I)


def launch_sites(text: str, places: list[PlaceMention]) -> list[PlaceMention]:
    """Places inside a 'from ...' phrase ('from the directions of Kursk in the Russian Federation')."""
    return [
        p
        for p in places
        if p.prep not in _TARGET_PREPS
        and (
            ((phrase := lexicon.search(_FROM_PHRASE, text, max(0, p.start - _FROM_PHRASE_REACH), p.start))
             and not _FROM_PHRASE_ENDS.search(phrase.group()))
            or _from_directions(text, p)
        )
    ]  # fmt: skip


def _from_directions(text: str, place: PlaceMention) -> bool:
    """Whether the place is in a list after 'з напрямків / с направления / з району' (a launch site)."""
    listed = _FROM_DIRECTIONS.search(text, max(0, place.start - 100), place.start)
    if listed is None:
        return False
    # "з району пусків у Саратовській області": the launch area's own "у", not a place of the attack
    gap = _LAUNCH_AREA_IN.sub("", listed.group("gap"), count=1)
    return not _PLACE_PREPOSITION.search(gap)


_LAUNCH_AREA_IN = re.compile(r"^\s+(?:за)?пуск\w*(?:\s+\w+){0,2}?\s+(?:в|у|на)(?=\s)", re.I)


def _participle_with_object(text: str, cue: OutcomeCue, end: int, anchors) -> bool:
    """', destroying two trucks' after the thing: the participle governs the thing right after it,
    not the one before the comma (unlike ', damaging it' or ', damaging its roof')."""
    if cue.start < end or not re.search(r"ing$", cue.text, re.I) or "," not in text[end : cue.start]:
        return False
    return any(a[0] >= cue.end and not text[cue.end : a[0]].strip() for a in anchors)


def _choose_place(start, end, cue, places: list[PlaceMention], text: str = "") -> PlaceMention | None:
    if cue is not None and cue.outcome == "launched" and text:
        # "50 missiles launched from bombers over the Volgograd region": a launch site, not a target.
        places = [
            p
            for p in places
            if p.start < end or p.prep in _TARGET_PREPS or not re.search(r"\bfrom\b", text[end : p.start], re.I)
        ]
    if not places:
        return None
    # Prefer a place where things happened over a heading ("flying towards Mozyr ... over Yelsky"),
    # and a region over the country it lies in ("over Smolensk Oblast, a region in western Russia").
    region_countries = {p.country for p in places if p.scope == "region"}

    def rank(p: PlaceMention):
        directional = p.prep in DIRECTIONAL
        # ... but "launched 57 missiles at Ukraine, targeting ... the region of Lviv": the target named.
        # (a country crossed into is no target of what fell in a region of it: "crossed into Lithuania
        # ... crashed in the Šalčininkai district")
        crossed = p.prep == "into" and cue is not None and cue.outcome != "launched"
        broader = p.scope == "country" and p.country in region_countries and (p.prep not in _TARGET_PREPS or crossed)
        # "shot down drones over Poland during a Russian attack on Ukraine": the attack's target is elsewhere.
        attack_target = bool(text) and bool(ATTACK_TARGET_BEFORE.search(text[: p.start]))
        distance = p.start - end if p.start >= end else (start - p.end) * 1.5
        return (attack_target, directional, broader, not p.is_resolved, distance)

    return min(places, key=rank)


_RANKED_SINCE = re.compile(
    r"\b(?:largest|biggest|heaviest|deadliest|worst|highest|record|most\s+\w+|крупнейш\w*|масштабнейш\w*|"
    r"рекордн\w*|самой\s+\w+|самый\s+\w+|самое\s+\w+|наймасованіш\w*|наймасштабніш\w*|найбільш\w*"
    r")\s+(?:[\w-]+\s+){0,3}$",
    re.I,
)


def _choose_time(start, times: list[TimeMention], clauses, text: str = "") -> TimeMention | None:
    # "the largest attack since the start of the year", "самой массированной с начала года": the
    # scope of a ranking, not when things happened
    times = [t for t in times if not _RANKED_SINCE.search(text, max(0, t.start - 80), t.start)] or times
    # "..., the air force said on Sunday": when the statement was made, not when things happened.
    of_events = [t for t in times if not lexicon.search_slice(_SAID_ON, text, 0, t.start)]
    times = of_events or times
    if not times:
        return None
    clause = _clause_of(start, clauses)
    same = [t for t in times if _clause_of(t.start, clauses) == clause]
    pool = same or times
    return min(pool, key=lambda t: abs(t.start - start))


def _choose_source(text, start, claimants: list[ClaimantMention], clauses, outcomes) -> ClaimantMention | None:
    sources = [c for c in claimants if c.is_source]
    if not sources:
        return None
    relayed = [c for c in sources if not c.is_relay]
    # "Reuters, citing the governor": the governor is the claimant.
    if relayed and len(relayed) < len(sources):
        sources = relayed
    clause = _clause_of(start, clauses)
    same = [c for c in sources if _clause_of(c.start, clauses) == clause]
    if same:
        return min(same, key=lambda c: abs(c.start - start))
    before = [c for c in sources if c.start < start]
    if before:
        return before[-1]
    # A later clause with a claim of its own speaks for that claim only
    # ("Drones hit Kyiv overnight; Zelenskyy says 900 drones launched last week"), but a source that
    # closes the sentence after its claims ("...; two people were killed, said the governor") said it all.
    later = sources[0]
    later_clause = _clause_of(later.start, clauses)
    separated = re.search(r";|\s[—–|]\s", text[start : later.start])
    if separated and any(_clause_of(o.start, clauses) == later_clause and o.start > later.start for o in outcomes):
        return None
    return later


def _clauses(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _CLAUSE_BREAK.finditer(text):
        if _is_serial_list_end(text, start, match):
            continue  # "downed three Iskanders, all three Kalibrs, and 118 drones": one list, one clause
        tail = text[max(start, match.start() - 30) : match.start()].rstrip()
        if match.group(0).strip() in ("—", "–") and (
            any(c.end == len(tail) for c in find_counts(tail))
            or any(r.end() == len(tail) for r in lexicon.finditer(_remainder_pattern(), tail))
        ):
            continue  # "дев'ять – над Воронезькою": a number word and its place, as "20 — over Rostov"
        if match.group(0).strip() in ("—", "–") and _units_sum_after(text, match.end()):
            continue  # "ударними БпЛА та дронами — всього 146 одиниць": the count of what was just listed
        if match.group(0) == ":" and _verb_before_counted_list(text, match):
            continue  # "the following have been destroyed: 664 aircraft, ...": the verb's own list
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _units_sum_after(text: str, at: int) -> bool:
    head = find_counts(text[at : at + 40])
    if not head or text[at : at + head[0].start].strip():
        return False
    return _after_number_pattern("counted_units").match(text, at + head[0].end + 1) is not None


def _verb_before_counted_list(text: str, colon: re.Match) -> bool:
    """An outcome verb right before a colon with a count right after it ("destroyed: 664 aircraft",
    "уничтожены: 45 беспилотников")."""
    head = find_counts(text[colon.end() : colon.end() + 40])
    if not head or text[colon.end() : colon.end() + head[0].start].strip():
        return False
    tail = text[max(0, colon.start() - 80) : colon.start()]
    if any(c.value is not None for c in find_counts(text[max(0, colon.start() - 100) : colon.start()])):
        return False  # "six UAVs have been shot down: four over the sea ...": a total, then its parts
    return any(_VERB_TO_COLON.fullmatch(tail, cue.end) for cue in find_outcomes(tail))


# What may stand between a list's verb and its colon: "the following", and where the list went
# ("used the following against the Kharkiv region:", "застосував по Харківщині:").
_VERB_TO_COLON = re.compile(
    r"\s*(?:the\s+following\s*)?(?:(?:against|at|on|over|in|по|на|против|проти)\s+(?:[\w'’-]+\s*){1,4})?",
    re.IGNORECASE,
)


def _is_serial_list_end(text: str, clause_start: int, match: re.Match) -> bool:
    """', and <count> ...' closing a comma list of counted things that began in this clause;
    ', as well as <count> ...' adding counted things to the one counted before it ("shot down 1,642
    drones during the past week, as well as 41 HIMARS rockets")."""
    if re.fullmatch(r",\s+(?:as\s+well\s+as|plus)\s+", match.group(0), re.I):
        head = find_counts(text[match.end() : match.end() + 40])
        before = text[clause_start : match.start()]
        counts = [c for c in find_counts(before) if c.value is not None]
        cues = find_outcomes(before)
        # "shot down all 18 missiles Russia fired overnight, ..., as well as six drones": a verb after
        # the last count ("fired") is another's; the list belongs to the verb before it.
        verb_after_count = bool(counts and cues and cues[-1].start > counts[-1].end)
        return bool(head) and head[0].start == 0 and not head[0].is_article and bool(counts) and not verb_after_count
    if not re.fullmatch(r",\s+and\s+", match.group(0)):
        return False  # a break of another kind: no list closes here, no need to read the counts after it
    head = find_counts(text[match.end() : match.end() + 40])
    before = find_counts(text[clause_start : match.start()])
    plural_verb = re.match(r"(?:a|an|one)\s+[\w-]+(?:\s+[\w-]+)?\s+were\b", text[match.end() : match.end() + 60], re.I)
    if not head or head[0].start != 0 or (head[0].is_article and not plural_verb):
        return False  # ", and a second drone damaged ...": a new clause ("..., and a shop were damaged": not)
    return len(before) >= 2 and "," in text[clause_start : match.start()]


def _clause_of(position: int, clauses: list[tuple[int, int]]) -> int:
    for i, (_, e) in enumerate(clauses):
        if position < e or i == len(clauses) - 1:
            return i
    return len(clauses) - 1


# Loops, not any() over a generator: called for every mention of every sentence, mostly on short lists.
def _inside_any(start: int, end: int, mentions) -> bool:
    for m in mentions:  # noqa: SIM110
        if m.start <= start and end <= m.end:
            return True
    return False


def _overlaps_spans(start: int, end: int, spans) -> bool:
    for s, e in spans:  # noqa: SIM110
        if start < e and s < end:
            return True
    return False
