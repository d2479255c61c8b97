"""Article-level reading: attribution across sentences, breakdowns, repeats, stable ids.

`extract_claims(article)` walks the sentences in order, drafts claims with `grammar`, resolves
who said them (an earlier "the ministry" or "he" to the claimant it stands for), fills places
and weapon operators from context, then links regional figures to their totals and folds
repeats (headline, lead, quote) into one claim.
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache, lru_cache
from itertools import takewhile
from pathlib import Path

from orchestration.claims import fast_re as re  # `re`, its scans skipping to where a match can start
from orchestration.claims import lexicon, morphology
from orchestration.claims.claimants import ClaimantMention, find_claimants, pronouns
from orchestration.claims.grammar import (
    ATTACK_TARGET_BEFORE,
    OBJECT_CLASSES,
    REFERRING_DETERMINERS,
    WEAPON_CLASSES,
    Draft,
    draft_claims,
    is_both_word,
    is_debris_word,
    is_heading,
    launch_sites,
    names_plural,
    outcome_stems,
    read_sentences,
)
from orchestration.claims.model import Article, Claim
from orchestration.claims.outcomes import OutcomeCue
from orchestration.claims.places import (
    PlaceMention,
    find_places,
    listed_with_unnamed_places,
    names_several_places,
    names_site,
    same_town,
    spans_regions,
)
from orchestration.claims.sentences import Sentence, split_sentences
from orchestration.claims.weapons import ThingMention, find_things, head_word

# Sentences over which "the ministry said" in one sentence still covers the next ones.
CARRY_SENTENCES = 2
# How far back (in sentences) a regional figure looks for the total it is part of.
PARENT_WINDOW = 12


@cache
def extractor_version() -> str:
    """Changes whenever the extractor's code or data change, so new rules re-extract old articles."""
    digest = hashlib.sha256()
    root = Path(__file__).parent
    for path in sorted([*root.glob("*.py"), *(root / "data").glob("*")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@dataclass(frozen=True)
class Identity:
    claimant: str | None
    claimant_id: str | None
    kind: str
    country: str | None
    region_code: str | None
    is_person: bool


UNATTRIBUTED = Identity(None, "unattributed", "unattributed", None, None, False)


@dataclass
class _Resolved:
    draft: Draft
    identity: Identity
    is_carried: bool  # attribution came from an earlier sentence
    scope: str
    country: str | None
    region_code: str | None
    place_text: str | None
    place: str | None
    is_place_resolved: bool
    weapon_origin: str | None
    time_text: str | None
    period: tuple
    parent: int | None = None
    dropped: bool = False
    is_voice_of_report: bool = False  # attributed only as the rest of a relayed report, no source nearby
    is_by_actor: bool = False  # attributed to the military body that did it ("Силами ПВО Минобороны уничтожены")


# Ukrainian writes its apostrophe as ', ’ or ʼ (U+02BC, a letter to regular expressions): the
# extractor reads one ("об'єкт"), the evidence keeps the article's own (same offsets: one character each).
_PLAIN_APOSTROPHE = str.maketrans({"\u02bc": "'"})


def extract_claims(article: Article) -> list[Claim]:
    sentences = split_sentences(article.text.translate(_PLAIN_APOSTROPHE))
    identities: list[tuple[ClaimantMention, Identity]] = []
    last_source: tuple[Identity, int, int, bool] | None = None  # identity, sentence, paragraph, ends with ':'
    last_thing: ThingMention | None = None
    last_places: tuple[int, int, list[PlaceMention]] | None = None
    last_country: str | None = None  # the country the text was last about ("against Ukraine", "in Kharkiv")
    last_locality: tuple[int, PlaceMention] | None = None  # the last town or village named, known or not
    last_region: PlaceMention | None = None  # what "the region" refers back to however far back it was named
    resolved: list[_Resolved] = []
    publisher = _publisher(article.outlet)
    previous_drafts: list[Draft] = []
    lead_cue = lead_place = None  # the verb and place of a line ending in a colon that counted nothing itself
    readings = read_sentences(sentences, article.published_date)
    signer = _signature(sentences, readings) or _header_author(sentences, readings)
    if signer is not None:
        # "Віталій Кім, начальник Миколаївської ОВА" closing a post: what the post tells with no
        # other source is its author's.
        publisher = _identify(signer, []) or publisher
    related_paragraphs = _related_paragraphs(sentences)
    caption_paragraphs = _caption_paragraphs(sentences)
    background_paragraphs = _under_background_heading(sentences)

    def is_background(sentence) -> bool:
        return sentence.paragraph in background_paragraphs or bool(_background_opener().match(sentence.text))

    for position, (sentence, mentions) in enumerate(zip(sentences, readings, strict=True)):
        if sentence.paragraph in related_paragraphs:
            continue  # "Читайте также: Над Орловской областью сбит беспилотник": another story's headline
        if sentence.paragraph in caption_paragraphs:
            continue  # "Photo: Rescuers work at the site of the strike": what the article tells
        following = readings[position + 1] if position + 1 < len(readings) else None
        named = []
        for claimant in mentions.claimants:
            identity = _identify(claimant, identities)
            if identity is None:
                continue  # a lone surname no one was named with before: no source known
            identities.append((claimant, identity))
            named.append(claimant)
        if len(named) != len(mentions.claimants):
            mentions = replace(mentions, claimants=named)
        sources = {(c.start, c.end): ident for c, ident in identities[len(identities) - len(named) :]}
        drafts = draft_claims(mentions, last_thing, previous_drafts, lead_cue)
        if lead_cue is not None and lead_place is not None and sentence.is_list_item:
            # "▪️ 9 КАБ;" under "По Сумщині ... Зокрема, застосував:": where the lead-in was about
            drafts = [replace(d, place=lead_place) if d.place is None else d for d in drafts]
        # "listed the damage in the city:", "Руйнування:": a noun of damage heads the damaged things listed
        damage_noun = None if mentions.outcomes else _damage_list_noun(sentence.text)
        colon_cues = mentions.outcomes or ([damage_noun] if damage_noun else [])
        sends = _sends_the_items(sentence, colon_cues, sentences[position + 1] if following else None)
        if sends is not None:
            # "противник атакував ударними БпЛА та ракетами:" then "– 2 балістичними ракетами": a verb read
            # both as a launch and a strike, before counted items, sends them ("attacked with 146 drones");
            # the lead's own uncounted weapons are those items, no strike of their own
            drafts = [d for d in drafts if not (d.count is None and d.outcome == "hit")]
            colon_cues = [sends]
        if (
            sentence.text.rstrip().endswith(":")
            and colon_cues
            # "після атаки дронів пошкоджено:": the strike is a claim, the verb before the colon the items'
            and not any(d.outcome == colon_cues[-1].outcome for d in drafts)
        ):
            lead_cue = colon_cues[-1]  # "Зокрема, застосував:": a verb for the bulleted lines after it
            here = [p for p in mentions.places if p.is_locative and p.region_code]
            # consequences happen where the text is, a national tally's parts not ("Air defence shot down:")
            alone = lead_cue.outcome in ("hit", "injured", "killed", "damaged") and (
                position == 0 or sentences[position - 1].paragraph != sentence.paragraph
            )
            recent = (
                last_places[2][-1]
                if last_places
                and sentence.index - last_places[0] <= 2
                and (last_places[1] == sentence.paragraph or alone)
                else None
            )  # a place of the lead's own paragraph ("По Сумщині ... Зокрема, застосував:"), not the one
            # before, unless the lead is a line of its own ("Внаслідок атаки пошкоджено:" after the place)
            lead_place = here[-1] if here else recent
        elif (
            sentence.text.rstrip().endswith(":")
            and not drafts
            and (named := _named_before(mentions, previous_drafts, _items_total(sentences, readings, position)))
            is not None
        ):
            # "Ракеты, по данным Воздушных сил:" then "52 крылатые ракеты Х-101;": the lines break down
            # the figure of the thing the lead-in names, told just before, with its verb and place.
            lead_cue = OutcomeCue(0, 0, named.outcome_text, named.outcome, "noun", None, False, False)
            lead_place = named.place
        elif not sentence.is_list_item:
            lead_cue = lead_place = None
        sentence_country = next((p.country for p in reversed(mentions.places) if p.is_locative and p.country), None)
        previous_drafts = [*previous_drafts, *drafts][-12:] if drafts else previous_drafts
        for draft in _split_region_lists(drafts):
            report_voice = by_actor = False
            if draft.source is not None:
                identity, carried = sources[(draft.source.start, draft.source.end)], False
            elif draft.is_hedged:
                identity, carried = UNATTRIBUTED, False
            elif (subject := _acting_claimant(mentions.claimants, draft)) is not None:
                identity, carried, by_actor = sources[(subject.start, subject.end)], False, True
                if (
                    identity.country is None
                    and (identity.claimant_id or "xx-").startswith("xx-")
                    and not identity.is_person
                    and last_source
                    and _near_source(last_source, sentence)
                    and last_source[0].kind in ("military", "defence_ministry")
                ):
                    # "According to the Air Force, ... As of 09:00, air defence forces shot down 747
                    # drones": a body of no side named doing the work the source just reported.
                    identity, carried = last_source[0], True
            elif last_source and _near_source(last_source, sentence) and not is_background(sentence):
                identity, carried = last_source[0], True
            elif last_source and not is_background(sentence):
                # A report relayed from one source goes on in its voice until another source speaks,
                # except background the outlet adds ("Earlier, ...", "Напомним, ...").
                identity, carried, report_voice = last_source[0], True, True
            elif (closing := _closing_source(sentence, following)) is not None:
                # "... 12 more were jammed. Six left the airspace, the Air Force said.": the next
                # sentence's closing attribution covers the one before it in the same paragraph.
                identity, carried = _identify(closing, identities) or publisher, True
            else:
                identity, carried = publisher, False
            context = _Context(last_places, sentence_country or last_country, last_locality, last_region)
            resolved.append(_resolve(draft, identity, carried, context, sentence))
            resolved[-1].is_voice_of_report = report_voice
            resolved[-1].is_by_actor = by_actor
        source_mentions = [c for c in mentions.claimants if c.is_source and not c.is_relay]
        # "This was reported on Telegram by Prokudin, Ukrinform reports": the outlet passes on what
        # the official said, so the official is the one who speaks on.
        speakers = [c for c in source_mentions if c.kind != "media"] or source_mentions
        if source_mentions and not drafts and _back_reference().match(sentence.text):
            # "Про це повідомив начальник ОВА ...", "This was reported by the governor": the source
            # of what the paragraph before told with no source of its own.
            _attribute_back(resolved, sources[(speakers[-1].start, speakers[-1].end)], sentence, publisher)
        if source_mentions and (opened := _quote_closed_before(article.text, sentence, source_mentions[-1])):
            # '«... . ... .», – сказав Зеленський': the speaker named after a quote of several
            # sentences said all of it.
            _attribute_quote(resolved, sources[(source_mentions[-1].start, source_mentions[-1].end)], opened, publisher)
        if source_mentions:
            last_source = (
                sources[(speakers[-1].start, speakers[-1].end)],
                sentence.index,
                sentence.paragraph,
                sentence.text.rstrip().endswith(":"),
            )
        labelled = [c for c in mentions.claimants if (c.start, c.end) in sources]
        if labelled and not drafts and _source_label().match(sentence.text):
            # "Source: Oleh Kiper, ... on Telegram" under the lead: the lead above was Kiper's, and
            # what follows ("Quote: ...", "Details: ...") is, until another source speaks.
            named_source = sources[(labelled[0].start, labelled[0].end)]
            _attribute_back(resolved, named_source, sentence, publisher)
            last_source = (named_source, sentence.index, sentence.paragraph, True)
        if (
            labelled
            and not drafts
            and (
                (labelled[0].start <= 2 and len(sentence.text) <= 120 and sentence.text.rstrip().endswith(":"))
                # "07:40 Повітряні сили." opening a live entry: the source alone, maybe after the time
                or (
                    len(labelled) == 1
                    and labelled[0].kind != "media"  # "Київ. 29 листопада. Укрінформ.": a dateline's outlet
                    and _STAMP_BEFORE_LABEL.fullmatch(sentence.text, 0, labelled[0].start)
                    and _LABEL_END.fullmatch(sentence.text, labelled[0].end)
                )
            )
            and not mentions.counts
            and not mentions.things
        ):
            # "Vladimir Saldo, Governor of the Kherson Region:" heading a post or a statement: all that
            # follows is theirs, until another source speaks.
            last_source = (sources[(labelled[0].start, labelled[0].end)], sentence.index, sentence.paragraph, True)
        weapon_things = [t for t in mentions.things if t.weapon in WEAPON_CLASSES]
        if weapon_things:
            last_thing = weapon_things[-1]
        # Where things were launched from ("from Kursk and Rostov oblasts") is not what the text is about.
        sites = launch_sites(sentence.text, mentions.places)
        located = [p for p in mentions.places if p.is_locative and p.region_code and p not in sites]
        governed = [
            ident.region_code for ident in sources.values()
            if ident.region_code and ident.kind in ("regional_authority", "local_authority")
        ]  # fmt: skip
        if governed:
            last_region = _region_place(governed[-1])
        if located:
            last_places = (sentence.index, sentence.paragraph, located)
            last_region = located[-1]
        elif (
            last_places
            and sentence.index - last_places[0] <= 3
            and len({p.region_code for p in last_places[2]}) == 1
            and any(
                p.is_locative and p.region_code is None and p.place_type in _LOCALITY_TYPES for p in mentions.places
            )
        ):
            # "в станице Смоленской" after a paragraph on Kuban: a village the gazetteer lacks is in the
            # one region the text is about, and so is what follows it ("Там повреждены окна").
            last_places = (sentence.index, sentence.paragraph, last_places[2])
        countries = [p.country for p in mentions.places if p.is_locative and p.country]
        if countries:
            last_country = countries[-1]
        localities = [p for p in mentions.places if p.is_locative and p.place_type in _LOCALITY_TYPES]
        if localities:
            last_locality = (sentence.index, localities[-1])
    first_counted = _first_counted(resolved)
    resolved = [r for r in resolved if _worth_keeping(r) and not _told_before(r, first_counted)]
    # Repeats first (a lead and a later paraphrase are one claim), then breakdowns among what is left.
    # The loader may open the text with the title: that paragraph is the headline.
    title = lexicon.normalise(article.title or "")
    has_headline = bool(title) and bool(sentences) and lexicon.normalise(sentences[0].text).startswith(title[:60])
    _merge_repeats(resolved, has_headline, article.published_date)
    _drop_hospitalised_of_toll(resolved)
    _link_sums(resolved)
    _link_parents(resolved)
    _link_counted_parts(resolved)
    _infer_total_scopes(resolved)
    for r in resolved:
        if not r.dropped:
            r.identity = _fill_identity(r.identity, r.country, r)
    sides = {(r.draft.sentence.index, r.identity.claimant): r.identity for r in resolved if r.identity.country}
    article_sides = {
        r.identity.claimant: r.identity
        for r in resolved
        if r.identity.country and r.identity.claimant and not r.identity.claimant.startswith("the ")
    }  # not "the ministry": such a phrase may name either side's
    for r in resolved:
        if r.dropped or r.draft.weapon not in WEAPON_CLASSES:
            continue
        if r.identity.country is None and (r.draft.sentence.index, r.identity.claimant) in sides:
            r.identity = sides[(r.draft.sentence.index, r.identity.claimant)]  # the same source, one side
        elif r.identity.country is None and r.identity.claimant in article_sides:
            # "The general staff said Russia fired 64 drones at the country. Forty were shot down":
            # the side found for a source in one sentence is its side in the next.
            r.identity = article_sides[r.identity.claimant]
            if (
                r.scope == "unknown"
                and r.country is None
                and r.is_place_resolved
                and r.identity.kind in _home_reporters().get(r.identity.country, ())
            ):
                r.country = r.identity.country
        if r.weapon_origin is None and r.draft.outcome == "intercepted":
            r.weapon_origin = _OTHER_SIDE.get(r.identity.country)  # what a side shoots down is the other's
    return _to_claims(article, resolved)


def _sends_the_items(sentence, cues: list[OutcomeCue], following) -> OutcomeCue | None:
    """The launch reading of a lead's verb that also reads as a strike, when counted list items follow."""
    if following is None or not following.is_list_item or not sentence.text.rstrip().endswith(":"):
        return None
    launches = [c for c in cues if c.outcome == "launched"]
    strikes = {(c.start, c.end) for c in cues if c.outcome == "hit"}
    both = [c for c in launches if (c.start, c.end) in strikes]
    if not both or not re.match(r"\W*\d", following.text):
        return None
    return both[-1]


def _near_source(last_source, sentence) -> bool:
    """'..., the ministry said' covers the next sentences of its paragraph; 'The governor wrote:'
    covers the quoted paragraph after it."""
    _, index, paragraph, introduces_quote = last_source
    if sentence.paragraph == paragraph:
        return sentence.index - index <= CARRY_SENTENCES
    if introduces_quote:
        return sentence.paragraph == paragraph + 1 and sentence.index - index <= CARRY_SENTENCES + 1
    # Wire copy breaks a paragraph after nearly every sentence; the very next one still continues.
    return sentence.paragraph == paragraph + 1 and sentence.index - index <= 1


def _under_background_heading(sentences: list[Sentence]) -> set[int]:
    """Paragraphs under a line that is only a background label ("Background:", "Довідка:"), up to
    the next labelled line ("Details: ..."): the outlet's own background, in no source's voice."""
    under: set[int] = set()
    heading = False
    for paragraph, (text, _) in _paragraphs(sentences).items():
        opener = _background_opener().match(text)
        if opener and re.fullmatch(r"\s*:?\s*", text[opener.end() :]) and not _related_link().match(text):
            heading = True
        elif heading and _LABELLED_LINE.match(text) and not opener:
            heading = False
        elif heading:
            under.add(paragraph)
    return under


def _paragraphs(sentences: list[Sentence]) -> dict[int, tuple[str, int]]:
    """Each paragraph's text and number of sentences, in order."""
    by_paragraph: dict[int, list[Sentence]] = {}
    for s in sentences:
        by_paragraph.setdefault(s.paragraph, []).append(s)
    return {p: (" ".join(s.text for s in lines).strip(), len(lines)) for p, lines in sorted(by_paragraph.items())}


# A line opening with a label of one or two words and a colon ("Details: ...", "Quote: ...").
_LABELLED_LINE = re.compile(r"\W*[^\W\d_]+(?:\s+[^\W\d_]+)?\s*:\s")


def _caption_paragraphs(sentences: list[Sentence]) -> set[int]:
    """Paragraphs that are a picture's caption: a line opening with "Photo:", or a short one signed
    with its credit at the end ("The damaged house in Wyryki, where a drone fell. Photo: Reuters")."""
    captions = {s.paragraph for s in sentences if _caption().match(s.text)}
    for paragraph, (text, lines) in _paragraphs(sentences).items():
        if lines <= 3 and len(text) <= _CAPTION_CHARS and _caption_credit().search(text):
            captions.add(paragraph)
    return captions


_CAPTION_CHARS = 300


@cache
def _caption_credit() -> re.Pattern[str]:
    words = lexicon.phrase_pattern(lexicon.attribution()["captions"]).pattern
    return re.compile(rf"[.!?]\s+(?:{words})\s*:\s*[^.:;]{{1,60}}\.?\s*$", re.IGNORECASE)


def _related_paragraphs(sentences: list[Sentence]) -> set[int]:
    """Paragraphs of links to other stories: one opening with "Read also:" / "Читайте також:", and
    after such a heading standing alone, the headlines under it (short, one sentence, no full stop)."""
    related: set[int] = set()
    under_heading = False
    for paragraph, (text, lines) in _paragraphs(sentences).items():
        heading = _related_link().match(text)
        if heading:
            related.add(paragraph)
            under_heading = not text[heading.end() :].strip()  # the heading alone: its links follow
        elif under_heading and lines == 1 and len(text) <= _HEADLINE_CHARS and _HEADLINE_END.search(text):
            related.add(paragraph)
        else:
            under_heading = False
    return related


# A headline under a "Read also:" heading is one line of at most this many characters, with no
# full stop; a line ending in a colon or semicolon leads or is an item of the article's own list.
_HEADLINE_CHARS = 160
_HEADLINE_END = re.compile(r"[^.:;,\s]\s*$")


@cache
def _line_opening(table: str, after: str) -> re.Pattern[str]:
    """An attribution.yml phrase list opening a line, then what must follow it."""
    return re.compile(rf"\W*(?:{lexicon.phrase_pattern(lexicon.attribution()[table]).pattern}){after}", re.I)


def _related_link() -> re.Pattern[str]:
    # the heading stands alone ("Читайте також") or leads its link ("Read also: ...")
    return _line_opening("related_links", r"\s*(?:[:.|—–-]|$)")


_STAMP_BEFORE_LABEL = re.compile(r"[\s\u00a0]*(?:\d{1,2}[:.]\d{2}[\s\u00a0]*)?[|–—-]?[\s\u00a0]*")
_LABEL_END = re.compile(r"[\s\u00a0]*[.:|–—-]?[\s\u00a0]*")


def _source_label() -> re.Pattern[str]:
    return _line_opening("source_labels", r"\s*:")


def _caption() -> re.Pattern[str]:
    return _line_opening("captions", r"\s*[:.|—–-]")


def _back_reference() -> re.Pattern[str]:
    return _line_opening("back_references", "")


_QUOTE_PAIRS = {"»": "«", "”": "“", '"': '"'}
_AFTER_QUOTE = re.compile(r"[\s,.!?–—-]*(?:[\w'’]+[\s,]+){0,6}$")  # '», – сказав ', '," he said'


def _named_before(mentions, previous: list[Draft], items_total: int | None = None) -> Draft | None:
    """The counted draft of the sentence before of the weapon a verbless lead-in names: the one the
    items under the lead-in add up to ("32 ракеты, из них сбиты 28" then "Ракеты:" "— 2 ...;" "— 30
    ...": the 32), else the last."""
    if mentions.outcomes or mentions.counts or not mentions.things or not previous:
        return None
    last = previous[-1].sentence.index
    weapon = mentions.things[0].weapon
    named = [d for d in reversed(previous) if d.sentence.index == last and d.weapon == weapon and d.count is not None]
    return next((d for d in named if d.count == items_total), named[0] if named else None)


def _items_total(sentences: list[Sentence], readings, position: int) -> int | None:
    """The sum of the first figures of the list items right after `position`, if each has one."""
    total = 0
    for sentence, mentions in zip(sentences[position + 1 :], readings[position + 1 :], strict=True):
        if not sentence.is_list_item:
            break
        figures = [c.value for c in mentions.counts if c.value is not None]
        if not figures:
            return None
        total += figures[0]
    return total or None


def _quote_closed_before(text: str, sentence, source: ClaimantMention) -> tuple[int, int] | None:
    """(start, end) in the article of a quote that closes just before `source` and opened in an
    earlier sentence; None when the source follows no such quote."""
    before = sentence.text[: source.start]
    closes = [i for i in range(len(before) - 1, max(-1, len(before) - 40), -1) if before[i] in _QUOTE_PAIRS]
    if not closes or not _AFTER_QUOTE.fullmatch(before[closes[0] + 1 :]):
        return None
    close = sentence.start + closes[0]
    opener = _QUOTE_PAIRS[text[close]]
    opened = text.rfind(opener, max(0, close - 3000), close)
    if opened < 0 or opened >= sentence.start:
        return None  # a quote inside this sentence: its claims already have this source
    return opened, close


def _attribute_quote(resolved: list[_Resolved], identity: Identity, quote: tuple[int, int], publisher) -> None:
    for r in reversed(resolved):
        position = r.draft.sentence.start
        if position < quote[0]:
            break
        # The body that acted inside the quote ("«Силами ПВО Минобороны уничтожены 23 БПЛА»", — сообщил
        # губернатор) is what the speaker reports, not the source.
        # A source carried from before the quote opened ("Козицький повідомив ... «...», – написала
        # Онищук") gives way to the speaker named after it.
        if position < quote[1] and (
            r.identity in (UNATTRIBUTED, publisher) or r.is_voice_of_report or r.is_by_actor or r.is_carried
        ):
            _adopt_source(r, identity)


def _adopt_source(r: _Resolved, identity: Identity) -> None:
    """`r` was said by `identity`, found after `r` was resolved; a home reporter's unplaced figure
    is about its own country, as at resolution."""
    previous, r.identity, r.is_carried = r.identity, identity, True
    place = r.draft.place
    if (
        place is None
        and r.scope == "region"
        and r.draft.outcome in ("launched", "intercepted")
        and previous.kind in ("regional_authority", "local_authority")
        and r.region_code == previous.region_code
        and (identity.region_code, identity.kind) != (previous.region_code, previous.kind)
    ):
        # The mayor's city was the place only as the jurisdiction of the source carried before the
        # quote; the president named after it speaks for the country ("«Лише за цей тиждень — понад
        # 1 100 ударних дронів...», — наголосив президент").
        r.scope, r.region_code, r.country = "unknown", None, None
    if (
        r.scope == "unknown"
        and place is not None
        and place.place_type == "anaphor"
        and identity.region_code
        and identity.kind in ("regional_authority", "local_authority")
    ):
        # «Над областю збито 7 ракет», — Козицький: "the region" of a quote is its speaker's region.
        r.scope, r.region_code, r.country = "region", identity.region_code, identity.region_code.split("-")[0]
    elif (
        place is None
        and not r.draft.is_list_item
        and identity.region_code
        and identity.kind in ("regional_authority", "local_authority")
    ):
        # A figure with no place in a governor's quote is the governor's region, as at resolution.
        r.scope, r.region_code, r.country = "region", identity.region_code, identity.region_code.split("-")[0]
    if (
        r.scope == "unknown"
        and r.country is None
        and r.is_place_resolved
        and r.draft.weapon in WEAPON_CLASSES
        and identity.kind in _home_reporters().get(identity.country, ())
    ):
        r.country = identity.country


def _attribute_back(resolved: list[_Resolved], identity: Identity, sentence, publisher: Identity) -> None:
    """Claims of the one or two paragraphs before `sentence` that no source spoke for take
    `identity`; the walk back stops at a claim with a source of its own or at background."""
    for r in reversed(resolved):
        earlier = r.draft.sentence
        if sentence.paragraph - earlier.paragraph > 2 or _background_opener().match(earlier.text):
            break
        if r.identity == identity:
            continue  # told just before this very line, by a closing attribution ("..., – said X")
        if r.is_carried or r.identity not in (UNATTRIBUTED, publisher):
            break
        _adopt_source(r, identity)


@cache
def _background_opener() -> re.Pattern[str]:
    openers = lexicon.attribution()["background_openers"]
    words = lexicon.phrase_pattern(o for o in openers if "<year>" not in o).pattern
    return re.compile(rf"\W*(?:{words}|in\s+\d{{4}}(?!\d))", re.IGNORECASE)


_SIGNATURE_KINDS = (
    "regional_authority", "local_authority", "military", "defence_ministry", "head_of_state", "government",
)  # fmt: skip


def _signature(sentences, readings) -> ClaimantMention | None:
    """A last paragraph that is only an official's name and title signs the text (a Telegram
    post, a statement): that official is its author."""
    if not sentences:
        return None
    last = sentences[-1].paragraph
    paragraph = [(s, m) for s, m in zip(sentences, readings, strict=True) if s.paragraph == last]
    if len(paragraph) != 1:
        return None
    sentence, mentions = paragraph[0]
    if len(sentence.text) > 160 or mentions.outcomes or mentions.counts:
        return None
    named = [c for c in mentions.claimants if c.kind in _SIGNATURE_KINDS]
    if not named or not re.fullmatch(r"[\s—–-]*", sentence.text[: named[0].start]):
        return None
    if not named[0].is_person and len(re.findall(r"\w+", sentence.text[named[0].end :])) > 3:
        return None  # "Повітряні сили ЗС України": an institution signs with its name alone, not a sentence
    return named[0]


@cache
def _document_words() -> re.Pattern[str]:
    words = lexicon.alternatives(sorted(lexicon.attribution()["document_words"], key=len, reverse=True))
    return re.compile(rf"\s*(?:{words})\s+", re.IGNORECASE)


_GIVEN_NAME = re.compile(r"\s*(?:[A-ZА-ЯІЇЄҐЁ][a-zа-яіїєґё'’-]+\s+)?")


def _header_author(sentences, readings) -> ClaimantMention | None:
    """A first line that is only an official's or an institution's name, perhaps with the channel's
    region ("Вячеслав Гладков | Белгородская область"), heads a post, as it does on the line under a
    headline ("Сумська ОВА | Володимир Артюх"); a document's title names its issuer ("Сводка
    Министерства обороны ..."): its author."""
    for position in (0, 1):
        alone = (
            position + 1 < len(sentences)
            and sentences[position].paragraph == position
            and sentences[position + 1].paragraph != position
        )
        author = _header_line_author(sentences[position], readings[position]) if alone else None
        if author is not None:
            return author
    return None


def _header_line_author(sentence, mentions) -> ClaimantMention | None:
    if len(sentence.text) > 200 or mentions.outcomes or mentions.counts:
        return None
    offices = [c for c in mentions.claimants if c.kind in _SIGNATURE_KINDS]
    named = [c for c in offices if c.claimant_id]
    if offices and _document_words().fullmatch(sentence.text[: offices[0].start]):
        named = offices  # an office with no name of its own ("Ministry of Defence") may issue one
        # "Сводка Министерства обороны ... о ходе ...": the document's issuer; of "the Armed Forces
        # Ministry of Defence", the last of the run of names is the head
        chain = [named[0]]
        for following in named[1:]:
            if sentence.text[chain[-1].end : following.start].strip():
                break
            chain.append(following)
        issuer = chain[-1]
        if re.match(r"\s*(?:'s|’s)\b", sentence.text[issuer.end :]):
            return None  # "Summary of the Armed Forces' actions": whom it is about, not who issued it
        countries = {c.country for c in chain if c.country} | {
            p.country for p in mentions.places if p.scope == "country" and p.country
        }
        if issuer.country is None and len(countries) == 1:
            issuer = replace(issuer, country=countries.pop())  # "the Russian Federation ... Ministry of Defence"
        return issuer
    # "Vladimir Balitsky | Zaporozhye Region": a given name may stand before a surname the lexicon knows
    if not named or not _GIVEN_NAME.fullmatch(sentence.text[: named[0].start]) or len(sentence.text) > 100:
        return None
    rest = sentence.text[named[0].end :]
    if rest.strip() and not re.match(r"\s*[|—–(,-]", rest) or len(re.findall(r"\w+", rest)) > 4:
        return None
    return named[0]


@lru_cache(maxsize=4096)  # pure in the outlet's name, and a feed has few outlets
def _publisher(outlet: str | None) -> Identity:
    """An institution publishing its own report (the air force's channel) makes its own claims;
    a news outlet's own statements stay unattributed, as the spec reads them."""
    if not outlet:
        return UNATTRIBUTED
    # a known institution, or an office with its country ("President of Ukraine", "Президент України")
    mentions = [
        m for m in find_claimants(outlet) if m.kind != "media" and (m.claimant_id or m.country and not m.is_generic)
    ]
    if not mentions:
        return UNATTRIBUTED
    m = mentions[0]
    return Identity(outlet, m.claimant_id, m.kind, m.country, m.region_code, m.is_person)


def _closing_source(sentence, following) -> ClaimantMention | None:
    """The source a next sentence in the same paragraph names at its very end ("..., the ministry said.")."""
    if following is None or following.sentence.paragraph != sentence.paragraph:
        return None
    text = following.sentence.text
    if not following.outcomes:
        # "The interceptions were reported by the ministry on Telegram": a sentence that only says who.
        sources = [m for m in following.claimants if m.is_source and not m.is_relay and not m.is_generic]
        if sources:
            return sources[0]
    for mention in reversed(following.claimants):
        if mention.is_source and not mention.is_relay:
            tail = text[mention.end :]
            if re.fullmatch(
                r"\s*(?:said|says|reported|added|wrote|stated|noted)?(?:\s+on\s+\w+)?[\s.\"”']*", tail, re.I
            ):
                return mention
            return None
    return None


def _acting_claimant(claimants: list[ClaimantMention], draft: Draft) -> ClaimantMention | None:
    """'The Air Force destroyed 59 missiles': a military body doing what it reports is its source.
    An attacker ('The Russian military hit a building') is not the source of its own strike."""
    if draft.outcome in ("hit", "damaged", "injured", "killed"):
        return None
    for c in claimants:
        if c.kind in ("military", "defence_ministry") and c.end <= draft.anchor_start:
            between = draft.sentence.text[c.end : draft.anchor_start]
            if draft.outcome == "intercepted" and _ATTACKS_AFTER.match(between):
                continue  # "ВСУ пытались атаковать регион: ... сбиты девять беспилотников": the attacker
            if "." not in between and len(between) < 120:
                return c
    return None


_ATTACKS_AFTER = re.compile(
    r"\s+(?:(?:also|again|также|також|снова|знову|вновь)\s+)?(?:tried\s+to\s+|attempted\s+to\s+|пыта\w*\s+|"
    r"попыта\w*\s+|намага\w*\s+|спробува\w*\s+)?(?:attack|launch|fire|strike|struck|атак|запуст|выпуст|"
    r"обстрел|обстріл|удар|нанес|завда)",
    re.IGNORECASE,
)


def _identify(mention: ClaimantMention, known: list[tuple[ClaimantMention, Identity]]) -> Identity | None:
    text = mention.text
    if mention.claimant_id:
        return Identity(
            text, mention.claimant_id, mention.kind, mention.country, mention.region_code, mention.is_person
        )
    if mention.is_generic and mention.person == text:
        # A surname alone ("Fedorov said"): the person named before in full, else nobody known.
        surname = lexicon.normalise(text)
        for _, identity in reversed(known):
            words = [lexicon.normalise(w) for w in re.findall(r"[\w'’-]+", identity.claimant or "")]
            if identity.is_person and any(w == surname or (len(w) > 5 and w[:-2] == surname[:-2]) for w in words):
                return replace(identity, claimant=text)
        return None
    if mention.is_generic:
        for _, identity in reversed(known):
            if identity.claimant_id == "unattributed":
                continue
            if _same_referent(mention, identity):
                return replace(identity, claimant=text)
        if text.lower() in pronouns():
            return None  # "по его словам" with no one named before it: no source known
    institution = _institution_id(mention.kind, text, mention.country)
    if mention.person:
        slug = _slug(mention.person)
        country = (mention.country or "xx").lower()
        return Identity(text, f"{country}-{slug}", mention.kind, mention.country, mention.region_code, True)
    return Identity(text, institution, mention.kind, mention.country, mention.region_code, mention.is_person)


_MINISTRY_STEMS = r"ministry|министерств|міністерств|ведомств|відомств"  # "the ministry", "ведомство"
_MINISTRY_WORD = re.compile(_MINISTRY_STEMS, re.IGNORECASE)


def _same_referent(mention: ClaimantMention, identity: Identity) -> bool:
    word = mention.text.lower()
    if word in pronouns():
        return identity.is_person == pronouns()[word]  # "he", "він", "по его словам"; "they"
    if word in _person_references():
        return identity.is_person  # "the official said": the governor or mayor named before
    if _MINISTRY_WORD.search(word) or word.endswith("mod"):
        office = _office_words(word)
        if office and mention.kind != "defence_ministry":
            # "the interior ministry" after Moldova's defence ministry: another office, not that one
            named = identity.claimant.lower() if identity.claimant else ""
            return identity.kind == mention.kind and all(w in named for w in office)
        return identity.kind == "defence_ministry" or "ministry" in (identity.claimant or "").lower()
    return identity.kind == mention.kind


_ARTICLE_OR_PREPOSITION = frozenset({"the", "a", "an", "of", "в", "у", "во"})


def _office_words(mention: str) -> list[str]:
    """The words that say which ministry a mention names ("interior" in "the interior ministry"),
    none for the ministry alone ("the ministry", "в ведомстве")."""
    words = re.findall(r"[\w'’-]+", mention)
    return [w for w in words if w not in _ARTICLE_OR_PREPOSITION and not _MINISTRY_WORD.match(w)]


@cache
def _person_references() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon.attribution().get("person_references", []))


@cache
def _home_reporters() -> dict[str, tuple[str, ...]]:
    return {c: tuple(kinds) for c, kinds in (lexicon.attribution().get("home_reporters") or {}).items()}


@cache
def _institutions() -> dict[tuple[str, str], str]:
    table = {}
    for key, per_country in lexicon.attribution()["institutions"].items():
        for country, claimant_id in per_country.items():
            table[(key, country)] = claimant_id
    return table


def _institution_id(kind: str, text: str, country: str | None) -> str | None:
    if country is None:
        return None
    lowered = text.lower()
    for (key, c), claimant_id in _institutions().items():
        if c == country and (key == kind or key in lowered):
            return claimant_id
    head = re.sub(r"^(?:the|a|an)\s+", "", lowered)
    head = re.sub(r"^[\w'’-]+(?:'s|’s)?\s+", "", head) if len(head.split()) > 1 else head
    if morphology.has_cyrillic(head) and len(head.split()) == 1:
        head = morphology.noun_lemma(head)  # "губернатор", "губернатора": one source
    return f"{country.lower()}-{_slug(head) or kind}"


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", lexicon.normalise(text)).strip("-")


_LAUNCH_OR_DOWN = ("launched", "intercepted")


def _split_region_lists(drafts: list[Draft]) -> list[Draft]:
    """One count over several regions is a total; the regions named are its parts (count null)."""
    out = []
    for draft in drafts:
        regions, others, seas = {}, set(), {}
        # "fired 50 missiles from aircraft over the Caspian Sea and Rostov region": where they were
        # fired from is no part of where they went.
        sites = launch_sites(draft.sentence.text, draft.places_in_clause) if draft.outcome in _LAUNCH_OR_DOWN else []
        for place in draft.places_in_clause:
            if place.prep in ("towards", "toward", "to") or place in sites or is_heading(draft.sentence.text, place):
                continue  # "four over the Moscow region, two of them flying towards Moscow": one place
            if ATTACK_TARGET_BEFORE.search(draft.sentence.text[: place.start]) and place is not draft.place:
                continue  # "crashed in Moldova during an attack on Ukraine": the attack's target, not the crash site
            if place.region_code and place.is_resolved:
                regions.setdefault(place.region_code, place)
            elif place.scope == "sea":
                others.add(("sea", place.text))
                seas.setdefault(place.text.lower(), place)
            elif place.scope == "country" and place.country:
                others.add(("country", place.country))
        # "over Smolensk Oblast, a region in western Russia" names one place, not two.
        others = {o for o in others if o[0] != "country" or o[1] not in {r.country for r in regions.values()}}
        each = re.match(
            r"\s*(?:each\b|\w+\s+each\s+of\b)", draft.sentence.text[draft.anchor_end :], re.IGNORECASE
        ) or re.search(
            r"(?<![\w])по\s+$", draft.sentence.text[max(0, draft.anchor_start - 4) : draft.anchor_start], re.I
        )  # "four each over Tula and Kaluga", "a drone over each of", "по пять — над Калужской и Тульской"
        listed = [*regions.values(), *seas.values()]
        if (
            len(regions) + len(others) == 1
            and draft.count is not None
            and len(listed) == 1
            and listed_with_unnamed_places(draft.sentence.text, listed[0])
        ):
            # "destroyed 87 drones over nine regions and the Sea of Azov": one count over several places
            country = listed[0].country if listed[0].scope == "region" else None
            out.append(replace(draft, place=None, extras={"country": country, "several_places": True}))
            continue
        if len(regions) + len(others) <= 1:
            out.append(draft)
            continue
        if draft.count is not None and not each:
            # One count over several named places: scope unknown, country only if they share one.
            countries = {p.country for p in regions.values()} | ({None} if others else set())
            country = countries.pop() if len(countries) == 1 else None
            total = replace(draft, place=None, extras={"country": country, "several_places": True})
            out.append(total)
            # "over Russia and occupied Crimea" is a country and a region, not a list of regions.
            listed = [*regions.values(), *seas.values()] if len(regions) + len(seas) >= 2 else []
            for place in listed:
                out.append(
                    replace(
                        draft,
                        place=place,
                        count=None,
                        count_qualifier="unspecified",
                        count_text=None,
                        is_list_item=True,
                        extras={"part_of_list": True},
                    )
                )
        else:
            for place in [*regions.values(), *seas.values()]:
                out.append(replace(draft, place=place, is_list_item=True))
    return out


@dataclass(frozen=True)
class _Context:
    """What the text has been about up to the current sentence."""

    last_places: tuple[int, int, list[PlaceMention]] | None
    last_country: str | None
    last_locality: tuple[int, PlaceMention] | None
    last_region: PlaceMention | None = None  # the region last named, or last governed by a source named


_BARE_MINISTRY = re.compile(
    rf"(?:the\s+)?(?:(?:{_MINISTRY_STEMS})\w*|в\s+ведомстве|у\s+відомстві)",
    re.IGNORECASE,
)
_COUNTRY_FRAME = re.compile(r"^\s*(?:(?:meanwhile|elsewhere),?\s+)?(?:in|в|у|во)\s+$", re.IGNORECASE)
# A sentence that opens with any place as its frame ("In the Glushkovo district, ...", "На Сумщині ...")
_PLACE_FRAME = re.compile(
    r"^\s*(?:(?:meanwhile|elsewhere|separately|also),?\s+)?(?:in|в|у|во|на)\s+(?:the\s+)?$", re.IGNORECASE
)
_LOCALITY_TYPES = ("city", "town", "village", "settlement", "unresolved")


def _resolve(draft: Draft, identity: Identity, carried: bool, context: _Context, sentence) -> _Resolved:
    last_places, last_country = context.last_places, context.last_country
    place = draft.place
    if (
        place is not None
        and place.scope == "country"
        and place.country
        and draft.outcome in ("launched", "intercepted")
        and _COUNTRY_FRAME.match(sentence.text[: place.start])
        and sentence.text[place.end :].lstrip().startswith(",")
    ):
        # "In Ukraine, the air force said Russia had fired 497 drones": where the news is from, not
        # where the drones went; a national tally with no place, about that country.
        draft = replace(draft, place=None, extras={**draft.extras, "country": place.country})
        place = None
    scope, country, region_code, place_text, fine_place, is_resolved = "unknown", None, None, None, None, True
    if place is None and not draft.is_list_item:
        if carried and (moved := _moved_on(identity, last_places, sentence)):
            # "..., Lysak said. The enemy also targeted the Izmail district. Drones hit port infrastructure":
            # the place the sentence before named, not the jurisdiction of a source carried from further back
            place = moved
        elif identity.region_code and identity.kind in ("regional_authority", "local_authority"):
            region_code, scope = identity.region_code, "region"
            country = region_code.split("-")[0] if region_code else None
        elif draft.outcome in ("hit", "injured", "killed", "damaged") and not names_several_places(sentence.text):
            # Consequences happen where the text is: "the strike damaged 15 houses" after "in Zaporizhzhia"
            # (not so "in several regions", "in eight regions": many places, none named).
            place = _context_region(identity, last_places, sentence)
    if (
        place is not None
        and place.scope == "country"
        and (place.prep or "").lower() in ("in", "в", "во", "у")  # not "атаковали Украину", "над Украиной"
        and not spans_regions(place, sentence.text)  # "над регионами России": all of them, not the governor's
        and identity.kind in ("regional_authority", "local_authority")
        and identity.region_code
        and identity.region_code.split("-")[0] == place.country
    ):
        # "In Ukraine, Kharkiv's governor said a drone struck a town": the governor's region, not all Ukraine.
        place = _context_region(identity, last_places, sentence)
    if place is not None and place.place_type == "capital":
        # "у столиці" with no country told yet: Ukrainian's capital is Kyiv (Russian's may be either)
        ukrainian = "UA" if re.search(r"[іїєґ]", place.text, re.I) else None
        place = _capital(place.country or last_country or identity.country or ukrainian)
    if place is not None and place.place_type == "anaphor":
        locality = context.last_locality
        if re.search(r"settlement|village", place.text, re.I) and locality and sentence.index - locality[0] <= 3:
            place = locality[1]  # "near the settlement": the one named just before, known or not
        else:
            # "the region", "the city": the place named before it in its sentence ("атакувала Одесу
            # ..., у місті пошкоджено"), else the place the text is about just now, or none.
            wants_region = re.search(r"region|oblast|област|регион|регіон", place.text, re.I) is not None
            before = [
                p for p in find_places(sentence.text)
                if p.end <= place.start and p.scope == "region" and p.region_code and p.is_locative
                and (p.place_type == "region") == wants_region  # "the region" is no city named before
            ]  # fmt: skip
            # An anaphor refers back however far: failing those, the region last named or governed by a
            # source named ("Lysak, head of the Dnipropetrovsk administration, ... . Air defence shot down
            # 9 UAVs over the oblast").
            place = before[-1] if before else _context_region(identity, last_places, sentence) or context.last_region
    if place is not None:
        place_text = place.text
        if place.scope == "region":
            scope, country, region_code = "region", place.country, place.region_code
            fine_place = place.text if place.place_type not in ("region",) else None
        elif place.scope == "sea":
            scope = "sea"
            fine_place = place.text
        elif place.scope == "country":
            scope = "country"
            country = place.country or (identity.country if place.place_type == "own_territory" else None)
            if country is None and place.place_type == "own_territory" and draft.outcome in ("launched", "hit"):
                # "Russia fired 64 drones at the country": the country is the one the named side attacks.
                attacker = _weapon_origin(draft, identity, None, "country")
                country = _OTHER_SIDE.get(attacker)
            if country is None and place.place_type == "own_territory":
                country = last_country  # "across the country", "nationwide" in a text about one country
            if country is None:
                scope = "unknown"
        else:
            fine_place = place.text
            around = _context_region(identity, last_places, sentence, carried)
            subregional = _SUBREGIONAL.search(place.text) is not None
            source = draft.source
            framing = [
                p for p in (find_places(sentence.text) if subregional else [])
                if p.end <= place.start and p.scope == "region" and p.region_code and p.is_locative
                # not the region in the source's title ("Начальник Київської міської ВА ... в Шевченківському районі")
                and not (source is not None and source.start <= p.start and p.end <= source.end)
            ]  # fmt: skip
            if framing:
                # "In Ingushetia, one drone was downed near the town of Malgobek": a town of the region
                # the sentence opened with.
                scope, country, region_code = "region", framing[-1].country, framing[-1].region_code
            elif around is not None and (subregional or draft.outcome in ("hit", "injured", "killed", "damaged")):
                # "a farm in the Kamensky district" after a paragraph on Rostov: a district of that region;
                # "In Gora-Podol, a barn was damaged" after Belgorod: a place the gazetteer lacks, where the
                # text is (not so a figure downed "over Belarus Oblast", which is no known region)
                scope, country, region_code = "region", around.country, around.region_code
            else:
                # A place the gazetteer does not know stays unresolved, in the country the text is about.
                scope, is_resolved, country = "unknown", False, last_country
    elif draft.extras.get("country"):
        country = draft.extras["country"]
    if (
        scope == "unknown"
        and is_resolved
        and country is None
        and identity.kind in _home_reporters().get(identity.country, ())
    ):
        country = identity.country  # a national tally by a side that reports only its own skies
    named_side = (draft.thing.origin or draft.thing.operator) if draft.thing is not None else None
    if identity.country is None and draft.outcome == "intercepted" and named_side in _OTHER_SIDE:
        # "the Defence Ministry said two Storm Shadows were shot down over Crimea": whoever shoots down
        # Ukraine's missiles is Russia's, wherever the place lies.
        identity = _fill_identity(identity, _OTHER_SIDE[named_side])
    if (
        identity.kind == "government"
        and draft.outcome in ("intercepted", "launched")
        # no institution known for it: none yet, or only the slug of its own words ("ru-ministry")
        and identity.claimant_id not in _institutions().values()
        and _BARE_MINISTRY.fullmatch(identity.claimant or "")
    ):
        # "Air defences destroyed 30 drones, the ministry said" with no ministry named before: the
        # ministry that counts air defence's work is the defence ministry.
        identity = replace(identity, kind="defence_ministry", claimant_id=None)
    identity = _fill_identity(identity, country)
    origin = _weapon_origin(draft, identity, country, scope)
    if (
        scope == "unknown"
        and is_resolved
        and country is None
        and draft.outcome in ("intercepted", "launched", "hit")
        and not draft.extras.get("several_places")
        and _OTHER_SIDE.get(origin) in _home_reporters()
        and identity.country in (None, _OTHER_SIDE.get(origin))
        and not _names_third_country(draft.sentence.text)
    ):
        # Russian missiles shot down with no place named were shot down over Ukraine, as the side
        # that reports only its own skies would say (not so the reverse: Russia's tallies span seas).
        country = _OTHER_SIDE.get(origin)
    if (
        scope == "unknown"
        and is_resolved
        and country is None
        and draft.outcome in ("hit", "damaged")
        and names_several_places(draft.sentence.text)
        and _found_at_places(draft)
    ):
        # "energy facilities were damaged in several regions", Ukrenergo said; the air force's "hits
        # were recorded at seven locations": a side counts the places struck on its own soil.
        home = identity.country if identity.country in _home_reporters() else None
        country = home or _OTHER_SIDE.get(origin or "") or context.last_country
    time_text = draft.time.text if draft.time else None
    period = (draft.time.period_start, draft.time.period_end) if draft.time else (None, None)
    return _Resolved(
        draft=draft,
        identity=identity,
        is_carried=carried,
        scope=scope,
        country=country if scope != "sea" else None,
        region_code=region_code,
        place_text=place_text,
        place=fine_place,
        is_place_resolved=is_resolved,
        weapon_origin=origin,
        time_text=time_text,
        period=period,
    )


def _names_third_country(text: str) -> bool:
    """'a Shahed was shot down by Belarus': someone other than the two sides did the shooting."""
    return any(p.scope == "country" and p.country not in (None, *_OTHER_SIDE) for p in find_places(text))


@cache
def _capitals() -> dict[str, str]:
    return {row["country_code"]: row["capital_region"] for row in lexicon.countries() if row.get("capital_region")}


def _capital(country: str | None) -> PlaceMention | None:
    """'the capital': the capital of the country the text is about, when that country's capital is known."""
    code = _capitals().get(country or "")
    if code is None:
        return None
    return PlaceMention(0, 0, "the capital", "region", country, code, "city", None, True)


_SUBREGIONAL = re.compile(
    r"district|raion|rayon|village|settlement|hromada|community|town|район|село|громад|округ"
    r"|сел[аоіеи]|селищ|поселк|посёлк|хутор|деревн|станиц"
    # the abbreviations of a settlement's kind before its name ("с. Слатине", "смт Велика Писарівка")
    r"|(?<![\w])(?:с|сел|смт|пос|п|пгт|д|х|ст-ца)\.?(?=\s)",
    re.I,
)


def _moved_on(identity: Identity, last_places, sentence) -> PlaceMention | None:
    """The one region the sentence just before named in this paragraph, when it is not the region of
    the regional or local source carried to this sentence."""
    if not (identity.region_code and identity.kind in ("regional_authority", "local_authority")):
        return None
    if not last_places or sentence.index - last_places[0] != 1 or last_places[1] != sentence.paragraph:
        return None
    regions = {p.region_code for p in last_places[2]}
    return last_places[2][-1] if len(regions) == 1 and identity.region_code not in regions else None


def _context_region(identity: Identity, last_places, sentence, carried: bool = False) -> PlaceMention | None:
    """The region the text is about just now: the claimant's, or one named a sentence or two before
    (the sentence just before, over the region of a source carried from further back)."""
    if carried and (moved := _moved_on(identity, last_places, sentence)):
        return moved
    if identity.region_code and identity.kind in ("regional_authority", "local_authority"):
        return _region_place(identity.region_code)
    if last_places and sentence.index - last_places[0] <= 3:
        return last_places[2][-1]
    return None


def _region_place(region_code: str) -> PlaceMention:
    """A region as a place named nowhere in the sentence (a source's jurisdiction)."""
    return PlaceMention(0, 0, "", "region", region_code.split("-")[0], region_code, "region", None, True)


def _fill_identity(identity: Identity, country: str | None, claim: _Resolved | None = None) -> Identity:
    if identity.claimant_id == "unattributed":
        return identity
    if identity.country is None and claim is not None and claim.draft.outcome == "intercepted":
        # Whoever reports shooting down Ukrainian drones is on the Russian side, and the reverse.
        country = _OTHER_SIDE.get(claim.weapon_origin) or country
    if identity.country is None and country is not None:
        identity = replace(
            identity,
            country=country,
            claimant_id=None if (identity.claimant_id or "").startswith("xx-") else identity.claimant_id,
        )
    if identity.claimant_id is None:
        cid = _institution_id(identity.kind, identity.claimant or identity.kind, identity.country)
        identity = replace(identity, claimant_id=cid or f"xx-{_slug(identity.claimant or identity.kind)}")
    return identity


@cache
def _agent_patterns() -> dict[str, re.Pattern[str]]:
    """The names of each side as the one attacking ("Russia launched", "Ukrainian forces fired")."""
    agents = lexicon.attribution()["agents"]
    # case-sensitive ("Kyiv" the agent, not a word); a Cyrillic name may also open a sentence ("Росіяни запустили")
    return {
        side: lexicon.phrase_pattern(
            [*names, *(n[:1].upper() + n[1:] for n in names if morphology.has_cyrillic(n))], flags=0
        )
        for side, names in agents.items()
        if side != "enemy"
    }


@cache
def _defender_patterns() -> dict[str, re.Pattern[str]]:
    return {side: lexicon.phrase_pattern(names) for side, names in lexicon.attribution()["defenders"].items()}


@cache
def _enemy_pattern() -> re.Pattern[str]:
    return lexicon.phrase_pattern(lexicon.attribution()["agents"]["enemy"])


_OTHER_SIDE = {"RU": "UA", "UA": "RU"}


def _weapon_origin(draft: Draft, identity: Identity, country: str | None, scope: str) -> str | None:
    if draft.weapon not in WEAPON_CLASSES:
        return None
    if draft.thing is not None and draft.thing.origin:
        return draft.thing.origin
    if draft.thing is not None and draft.thing.operator:
        return draft.thing.operator
    text = draft.sentence.text
    if draft.outcome in ("launched", "hit"):
        # The attacker is named before the verb ("The Russian army attacked Kyiv with ..."), not after it.
        before = text[: min(draft.anchor_start, draft.extras.get("cue_start", draft.anchor_start))]
        hits = [(m.start(), side) for side, pattern in _agent_patterns().items() for m in pattern.finditer(before)]
        if hits:
            return min(hits)[1]
        if _enemy_pattern().search(before) and identity.country in _OTHER_SIDE:
            return _OTHER_SIDE[identity.country]
    if draft.outcome == "intercepted":
        # "Сили ППО збили 8 ракет": what one side's air defence shoots down is the other side's.
        before = text[: draft.anchor_start]
        sides = {side for side, pattern in _defender_patterns().items() if pattern.search(before)}
        if len(sides) == 1:
            return _OTHER_SIDE[sides.pop()]
    if country in _OTHER_SIDE:
        return _OTHER_SIDE[country]
    if country is not None:
        return "RU"  # drones and missiles straying into neighbouring countries are Russian
    if identity.country in _OTHER_SIDE:
        return _OTHER_SIDE[identity.country]
    return None


def _told_before(r: _Resolved, first_counted: dict[tuple, int]) -> bool:
    """'Russia fired 18 missiles at Kyiv ... the missiles were launched almost at once': the missiles
    already counted, the same outcome told again with no number."""
    thing = r.draft.thing
    if r.draft.count is not None or thing is None or thing.determiner != "the" or not thing.text.endswith("s"):
        return False
    return first_counted.get(_told_key(r), r.draft.sentence.index) < r.draft.sentence.index


def _told_key(r: _Resolved) -> tuple:
    return (r.draft.outcome, r.draft.weapon, r.scope, r.region_code, r.country)


def _first_counted(everything: list[_Resolved]) -> dict[tuple, int]:
    """The first sentence where each outcome of each weapon at each place was given a number (one
    pass, so that `_told_before` does not search the whole article for every claim)."""
    first: dict[tuple, int] = {}
    for o in everything:
        if o.draft.count is not None:
            key = _told_key(o)
            first[key] = min(first.get(key, o.draft.sentence.index), o.draft.sentence.index)
    return first


def _worth_keeping(r: _Resolved) -> bool:
    # A claim with neither a number nor a place tells an analyst nothing they can count or map; what
    # was found at several places it counts ("hits were recorded at seven locations", "debris fell at
    # three locations", "facilities were damaged in several regions") says how widely it happened. An
    # attacker's own sweep ("forces hit manpower in 145 areas") stays out. A launch with no number at
    # no place narrower than a country ("Russia uses guided bombs against our cities") counts nothing
    # and maps nowhere either.
    if r.draft.outcome == "launched" and r.draft.count is None and r.scope != "region":
        return False
    if _of_another_war(r):
        return False
    return not (
        r.draft.count is None
        and r.scope == "unknown"
        and r.is_place_resolved
        and not (names_several_places(r.draft.sentence.text) and _found_at_places(r.draft))
    )


def _of_another_war(r: _Resolved) -> bool:
    """'Iran fired 300 drones at Israel', 'the Houthis launched two drones at a ship in the Red Sea':
    placed in another war's country, or told beside its words with no place or side of this war."""
    other_wars = lexicon.attribution()["other_wars"]
    if r.country in other_wars["countries"]:
        return True
    return (
        r.country is None
        and r.identity.country not in ("RU", "UA")
        and r.weapon_origin not in ("RU", "UA")
        and lexicon.search(_other_war_words(), r.draft.sentence.text) is not None
    )


@cache
def _other_war_words() -> re.Pattern[str]:
    return lexicon.phrase_pattern(lexicon.attribution()["other_wars"]["words"], flags=0)


def _found_at_places(draft: Draft) -> bool:
    return draft.outcome == "damaged" or draft.extras.get("told_by_noun") or _names_debris(draft)


def _compatible_claimants(child: _Resolved, parent: _Resolved) -> bool:
    if child.identity.claimant_id == "unattributed" or child.is_carried:
        return True
    countries = {child.identity.country, parent.identity.country}
    return child.identity.claimant_id == parent.identity.claimant_id or (
        child.identity.kind == parent.identity.kind and (len(countries) == 1 or None in countries)
    )


def _link_sums(claims: list[_Resolved]) -> None:
    """Figures of one sentence that add up to an earlier total of the same outcome are its parts
    ("Russia fired 18 missiles at Kyiv. ... the enemy launched six Kinzhals, nine Kalibrs and three
    S-400s"), wherever the total was said to happen."""
    groups: dict[tuple[int, str], list[int]] = {}
    for i, r in enumerate(claims):
        if not r.dropped and r.parent is None and r.draft.count is not None and r.draft.weapon in WEAPON_CLASSES:
            groups.setdefault((r.draft.sentence.index, r.draft.outcome), []).append(i)
    for (sentence_index, outcome), members in groups.items():
        if len(members) < 2:
            continue
        total = sum(claims[i].draft.count for i in members)
        weapons = {claims[i].draft.weapon for i in members}
        for j in range(min(members) - 1, -1, -1):
            parent = claims[j]
            if sentence_index - parent.draft.sentence.index > PARENT_WINDOW:
                break
            if parent.dropped or parent.parent is not None or parent.draft.outcome != outcome:
                continue
            if parent.draft.count != total or not (weapons == {parent.draft.weapon} or parent.draft.weapon == "other"):
                continue
            for i in members:
                _adopt(claims[i], parent, j)
            break


def _adopt(child: _Resolved, parent: _Resolved, parent_index: int) -> None:
    child.parent = parent_index
    if child.identity.claimant_id == "unattributed" or child.is_carried:
        child.identity = parent.identity
    if (
        child.scope == "unknown"
        and child.is_place_resolved
        and child.place_text is None
        and not names_several_places(child.draft.sentence.text)  # "62 of them over 15 regions": a place
    ):
        # "The missiles included seven Kh-101 ...": a part with no place of its own is where its total was.
        child.scope, child.country, child.region_code = parent.scope, parent.country, parent.region_code
    if child.time_text is None:
        child.time_text, child.period = parent.time_text, parent.period


def _link_parents(claims: list[_Resolved]) -> None:
    # Only claims that can be a total are looked back at, newest first: those before a claim are
    # settled by the time it is read, and sentence indices only grow, so the window still ends the search.
    # A claim's place is settled once it is a total, so the totals of a country or of no known place,
    # the only ones a part naming a place can have, are kept apart too: a part never walks over the
    # regional totals it could not take.
    totals: list[int] = []
    broad_totals: list[int] = []
    for i, child in enumerate(claims):
        placeless_item = child.draft.is_list_item and child.place_text is None and child.scope == "unknown"
        for j in reversed(totals if placeless_item else broad_totals) if _is_part(child) else ():
            parent = claims[j]
            if child.draft.sentence.index - parent.draft.sentence.index > PARENT_WINDOW:
                break
            if parent.dropped or parent.parent is not None or parent.draft.count is None:
                continue
            if (parent.scope not in ("country", "unknown") and not placeless_item) or not parent.is_place_resolved:
                continue  # a regional figure has parts only where they name no place of their own
            if parent.draft.outcome != child.draft.outcome:
                continue
            if parent.draft.weapon != child.draft.weapon and parent.draft.weapon != "other":
                continue  # "44 air targets: 29 missiles and 15 drones" - a mixed total has parts of each kind
            if child.draft.count is not None and child.draft.count > parent.draft.count:
                continue
            if (
                child.draft.count is not None
                and child.draft.count == parent.draft.count
                and not child.draft.is_list_item
            ):
                continue  # the same figure again with a place: a repeat, not a part
            if parent.country and child.country and parent.country != child.country:
                continue
            if not _compatible_claimants(child, parent) and not (
                placeless_item and parent.identity.claimant_id == "unattributed"
            ):
                continue
            _adopt(child, parent, j)
            break
        if not child.dropped and child.parent is None and child.draft.count is not None and child.is_place_resolved:
            totals.append(i)
            if child.scope in ("country", "unknown"):
                broad_totals.append(i)


def _link_counted_parts(claims: list[_Resolved]) -> None:
    """A part counted out of its whole ("Russia sent 81 Shaheds; 63 of them were shot down", "12 out
    of 13 drones") counts the very things its whole counted, whatever happened to each, so it points
    at that whole."""
    for i, child in enumerate(claims):
        if child.dropped or child.parent is not None or child.draft.count is None:
            continue
        if not child.draft.extras.get("is_part") or child.draft.weapon not in WEAPON_CLASSES:
            continue
        for j in _wholes_of(claims, i):
            whole = claims[j]
            if whole.dropped or whole.draft.thing is not child.draft.thing or whole.draft.count is None:
                continue
            if whole.draft.count > child.draft.count and whole.draft.outcome in ("launched", child.draft.outcome):
                _adopt(child, whole, j)
            break


def _wholes_of(claims: list[_Resolved], i: int) -> Iterator[int]:
    """Where the whole of part `i` may be: after it in its sentence ("12 out of 13 drones"), then
    back to the sentence before ("63 of them")."""
    index = claims[i].draft.sentence.index
    if claims[i].draft.extras.get("role") == "part":
        yield from takewhile(lambda j: claims[j].draft.sentence.index == index, range(i + 1, len(claims)))
    yield from takewhile(lambda j: index - claims[j].draft.sentence.index <= 1, range(i - 1, -1, -1))


def _is_part(child: _Resolved) -> bool:
    if child.parent is not None:
        return False
    return child.scope in ("region", "sea") or not child.is_place_resolved or child.draft.is_list_item


def _merge_repeats(claims: list[_Resolved], has_headline: bool = False, published: date | None = None) -> None:
    """The headline, the lead and a quote saying the same thing are one claim: keep the most specific."""
    parents = {c.parent for c in claims if c.parent is not None}
    earlier_ones = _RepeatIndex()
    for i, later in enumerate(claims):
        for j in earlier_ones.candidates(later):
            earlier = claims[j]
            if earlier.dropped or later.dropped:
                continue
            if (earlier.draft.outcome, earlier.draft.weapon) != (later.draft.outcome, later.draft.weapon):
                continue
            if (
                i in parents
                or j in parents
                or earlier.parent != later.parent
                and None not in (earlier.parent, later.parent)
            ):
                continue
            if not _same_claimant(earlier, later):
                continue
            same_count = earlier.draft.count == later.draft.count
            if not same_count and None not in (earlier.draft.count, later.draft.count):
                continue
            if not same_count and _plural_beside_one(earlier, later):
                continue  # "struck Dnipro with missiles" is more than "a missile hit a house" told later
            if not _same_place(earlier, later):
                continue
            if (
                _told_apart(earlier, later)
                or _dated_before_the_news(earlier, later, published)
                or _background_from_before(earlier, later, published)
            ):
                continue
            if not same_count and (earlier.scope, earlier.region_code, earlier.country) != (
                later.scope,
                later.region_code,
                later.country,
            ):
                continue  # a figure with no number repeats one only at the very same place
            if (
                earlier.draft.sentence.index == later.draft.sentence.index
                and earlier.draft.anchor_start != later.draft.anchor_start
                and same_count
                and earlier.draft.count is not None
                and not is_both_word(later.draft.count_text or "")  # "a woman and her son ...; both were"
            ):
                continue  # two things counted in one sentence ("two Iskander-M and two Kh-59")
            keep, drop = (earlier, later) if _specificity(earlier) >= _specificity(later) else (later, earlier)
            if has_headline and _headline_country_over_body(earlier, later):
                keep, drop = later, earlier
            drop.dropped = True
            if keep.identity.claimant_id == "unattributed" and drop.identity.claimant_id != "unattributed":
                keep.identity = drop.identity
            if keep.time_text is None and drop.time_text is not None:
                keep.time_text, keep.period = drop.time_text, drop.period
            if later.dropped:
                break  # nothing is left to merge it with
            earlier_ones.remove(j, earlier)
        earlier_ones.add(i, later)


def _drop_hospitalised_of_toll(claims: list[_Resolved]) -> None:
    """'Five were injured ... Four were hospitalised, two treated as outpatients': how the injured just
    counted were treated is no toll of its own (a figure below the toll, told after it nearby)."""
    for i, later in enumerate(claims):
        if later.dropped or later.draft.outcome != "injured" or later.draft.count is None:
            continue
        if not outcome_stems("treatment").search(later.draft.sentence.text):
            continue
        for earlier in reversed(claims[:i]):
            if later.draft.sentence.index - earlier.draft.sentence.index > 2:
                break  # claims run in the order of their sentences: none nearer is left
            if (
                not earlier.dropped
                and earlier.draft.outcome == "injured"
                and earlier.draft.count is not None
                and earlier.draft.count > later.draft.count
                and earlier.draft.sentence.paragraph == later.draft.sentence.paragraph
                and earlier.draft.anchor_start != later.draft.anchor_start
                and _same_place(earlier, later)
            ):
                later.dropped = True
                break


def _headline_country_over_body(headline: _Resolved, body: _Resolved) -> bool:
    """A headline's "over Ukraine" adds no place to the body's own unplaced national tally ("Сили ППО
    знешкодили 561 із 635 цілей, випущених по Україні" over "виявлено та супроводжено 635
    засобів:"): the body's claim, with its source and its parts, is kept."""
    return (
        headline.draft.sentence.paragraph == 0
        and body.draft.sentence.paragraph > 0
        and headline.scope == "country"
        and body.scope == "unknown"
        and headline.country is not None
        and headline.country == body.country
    )


def _plural_beside_one(a: _Resolved, b: _Resolved) -> bool:
    """One claim counts one thing and the other names things in the plural with no number."""
    uncounted, counted = (a, b) if a.draft.count is None else (b, a)
    thing = uncounted.draft.thing
    if counted.draft.count != 1 or thing is None:
        return False
    return names_plural(thing)


class _RepeatIndex:
    """The claims read so far that a later one could repeat, so that `_merge_repeats` compares a
    claim with those alone instead of with every claim before it (the same pairs, in the same
    order; an article repeating one phrase has thousands of drafts).

    A repeat has the same outcome and weapon, and either the same count (or none on both sides)
    wherever it was, or a count on one side only at the very same place; a claim at an unknown
    place outside a region is nobody's repeat (`_same_place`)."""

    def __init__(self) -> None:
        # Dicts as insertion-ordered sets: claims are added in the order they are read.
        self.by_count: dict[tuple, dict[int, None]] = {}
        self.by_place: dict[tuple, dict[int, None]] = {}

    @staticmethod
    def _keys(r: _Resolved, has_count: bool) -> tuple[tuple, tuple]:
        what = (r.draft.outcome, r.draft.weapon)
        return (*what, r.draft.count), (*what, has_count, r.scope, r.region_code, r.country)

    @staticmethod
    def _may_repeat(r: _Resolved) -> bool:
        return r.scope == "region" or r.is_place_resolved

    def candidates(self, r: _Resolved) -> list[int]:
        if not self._may_repeat(r):
            return []
        has_count = r.draft.count is not None
        same_count, _ = self._keys(r, has_count)
        _, other_count_here = self._keys(r, not has_count)
        both = list(self.by_count.get(same_count, ())), list(self.by_place.get(other_count_here, ()))
        return list(heapq.merge(*both))

    def add(self, index: int, r: _Resolved) -> None:
        if r.dropped or not self._may_repeat(r):
            return
        by_count, by_place = self._keys(r, r.draft.count is not None)
        self.by_count.setdefault(by_count, {})[index] = None
        self.by_place.setdefault(by_place, {})[index] = None

    def remove(self, index: int, r: _Resolved) -> None:
        by_count, by_place = self._keys(r, r.draft.count is not None)
        self.by_count.get(by_count, {}).pop(index, None)
        self.by_place.get(by_place, {}).pop(index, None)


def _names_debris(draft: Draft) -> bool:
    # "debris", "уламків", "Обломками", "падения обломков": the cue names debris in any form
    return any(is_debris_word(word) for word in draft.outcome_text.split())


def _told_apart(a: _Resolved, b: _Resolved) -> bool:
    """Two sentences naming different towns or different models are two events, not one told twice
    ("An FPV drone hit a car in Bilopillia. In Sumy, a Shahed drone struck a building")."""
    debris_and_strike = _names_debris(a.draft) != _names_debris(b.draft)
    if a.draft.sentence.index == b.draft.sentence.index:
        # "Hits by 25 drones were recorded at nine locations, and debris fell at three": debris is no
        # repeat of many strikes counted beside it (but "a drone struck a vessel, and debris was
        # found", "attacked a facility ... after debris fell on the site" tell one strike)
        counted = a.draft.count if b.draft.count is None else b.draft.count
        return debris_and_strike and a.draft.count != b.draft.count and (counted or 0) > 1
    if debris_and_strike:
        return True  # debris of a downed drone falling is not the strike itself
    if (
        a.place
        and b.place
        and _place_name(a.place) != _place_name(b.place)
        and not same_town(a.place, b.place)
        and not _site_in_town(a, b)
        and not _site_in_town(b, a)
    ):
        return True
    later, earlier = (a, b) if a.draft.sentence.index > b.draft.sentence.index else (b, a)
    if _ANOTHER_EVENT.search(later.draft.sentence.text):
        return True  # "In a separate attack, a drone ..."
    start, end = later.period
    if (
        start is not None
        and end is not None
        and (end - start).days <= 1
        and later.period != earlier.period
        and _background_opener().match(later.draft.sentence.text)
    ):
        return True  # "Напомним, 24 июля беспилотники атаковали Москву": an earlier day's event
    if _nights_apart(a.period, b.period):
        return True  # "В ночь на 6 октября ... сбили 17" beside last night's "сбили несколько": two nights
    if (
        a.draft.outcome == "hit"
        # a strike with no number may tell the headline's or the lead's again
        and (None not in (a.draft.count, b.draft.count) or earlier.draft.sentence.paragraph > 1)
        and earlier.draft.sentence.text.rstrip().endswith((".", "!", "»", '"', "”"))  # no headline told again
        and not (later.draft.thing is not None and later.draft.thing.determiner in ("the", "this", "that"))
        and _struck_apart(a.draft.sentence.text, b.draft.sentence.text)
    ):
        return True  # "дрон атаковал автомобиль" and, later, "беспилотник сбросил ВУ на магазин": two strikes
    if _framed_elsewhere(earlier, later) or _framed_elsewhere(later, earlier):
        return True  # "The driver was killed." then, a paragraph on, "In the Glushkovo district, ... killing one man"
    if None not in (_sex_of(a.draft), _sex_of(b.draft)) and _sex_of(a.draft) != _sex_of(b.draft):
        return True  # "A woman was injured." and "A man, 61, was wounded.": two people
    if _different_objects(a.draft, b.draft):
        return True  # "The roof of a house caught fire." and "windows were blown out in a shop": two things
    models = {lexicon.normalise(m) for m in (a.draft.weapon_model, b.draft.weapon_model) if m}
    return a.draft.weapon_model is not None and b.draft.weapon_model is not None and len(models) > 1


def _framed_elsewhere(framed: _Resolved, other: _Resolved) -> bool:
    """A paragraph that opens with a place of its own ("In the Glushkovo district, a drone struck a
    tractor, killing one man") tells another event than a figure with no place of its own in another
    paragraph: what one told with its place, the other did not repeat without it."""
    if framed.place_text is None or other.place_text is not None or None in (framed.draft.count, other.draft.count):
        return False  # a strike or damage with no number may sum up those told with their places
    sentence, paragraphs = framed.draft.sentence, (framed.draft.sentence.paragraph, other.draft.sentence.paragraph)
    if paragraphs[0] == paragraphs[1] or 0 in paragraphs:
        return False  # the same paragraph's, or the headline's
    return any(_PLACE_FRAME.match(sentence.text[: p.start]) for p in find_places(sentence.text))


def _different_objects(a: Draft, b: Draft) -> bool:
    """One damaged thing each, named by different nouns in different sentences, neither referring
    back ("the building"): two things damaged, not one told twice."""
    if a.outcome != "damaged" or a.count not in (None, 1) or b.count not in (None, 1):
        return False
    if a.thing is None or b.thing is None or a.sentence.index == b.sentence.index:
        return False
    if 0 in (a.sentence.paragraph, b.sentence.paragraph):
        return False  # a headline sums up in words of its own ("повреждены порт и судно")
    if a.thing.determiner in REFERRING_DETERMINERS or b.thing.determiner in REFERRING_DETERMINERS:
        return False
    return _object_noun(a.thing) != _object_noun(b.thing)


def _object_noun(thing: ThingMention) -> str:
    """A thing's head noun in its dictionary form ("houses", "об'єкт енергетики" -> "house", "об'єкт")."""
    lemma = morphology.noun_lemma(head_word(thing.text))
    return lemma[:-1] if lemma.endswith("s") and len(lemma) > 3 and not morphology.has_cyrillic(lemma) else lemma


def _sex_of(draft: Draft) -> str | None:
    """Male or female for one person named by a noun of that sex, else None."""
    if draft.weapon != "person" or draft.count not in (None, 1) or draft.thing is None:
        return None
    word = lexicon.normalise(draft.thing.text.split()[-1])
    return _sexes().get(word)


@cache
def _sexes() -> dict[str, str]:
    return {lexicon.normalise(w): sex for sex, words in lexicon.objects()["sex_of_person"].items() for w in words}


def _dated_before_the_news(earlier: _Resolved, later: _Resolved, published: date | None) -> bool:
    """A claim dated to a day well before the article ("On July 24, a drone strike killed one
    person"), told after one with no date of its own (the day's news), is another event; an undated
    claim after a dated one goes on telling that day ("Russia struck the city with two missiles")."""
    if published is None or earlier.period[0] is not None or earlier.period[1] is not None:
        return False
    start, end = later.period
    return start is not None and end is not None and (end - start).days <= 1 and (published - end).days >= 2


def _damage_list_noun(text: str) -> OutcomeCue | None:
    """A noun of damage in a line that ends with a colon ("listed the damage in the city:")."""
    if not text.rstrip().endswith(":"):
        return None
    match = lexicon.outcome_phrases("damage_list_nouns").search(text)
    if match is None:
        return None
    return OutcomeCue(match.start(), match.end(), match.group(0), "damaged", "noun", None, False, False)


def _background_from_before(earlier: _Resolved, later: _Resolved, published: date | None) -> bool:
    """Background the outlet adds with a time of its own that starts before the news ("Ранее в январе в
    Льгове при ударе дрона погиб мужчина", "In April 2024, a drone strike on a dormitory injured 13
    people") tells an earlier event, however long its span: no repeat of the day's news."""
    start, end = later.period
    if start is None or end is None or later.period == earlier.period:
        return False
    if not _background_opener().match(later.draft.sentence.text):
        return False
    news_start = earlier.period[0] or (published - timedelta(days=1) if published else None)
    return news_start is not None and start < news_start


def _nights_apart(a: tuple, b: tuple) -> bool:
    """Two periods of a day or a night each, with no day in common."""
    if None in (*a, *b):
        return False
    if (a[1] - a[0]).days > 1 or (b[1] - b[0]).days > 1:
        return False
    return a[1] < b[0] or b[1] < a[0]


@lru_cache(maxsize=256)
def _struck_apart(first: str, second: str) -> bool:
    """Whether two sentences each name objects struck and share none of them."""
    objects = [
        # in dictionary forms and number: "маршрутное такси" and "по маршрутному такси" are one thing,
        # "автомобіль" and "2 автомобілі" are not
        {_object_name(t.text) for t in find_things(s) if t.weapon in OBJECT_CLASSES}
        for s in (first, second)
    ]
    return bool(objects[0] and objects[1] and not objects[0] & objects[1])


def _object_name(text: str) -> tuple[str, str | None]:
    """A thing's name in dictionary forms, with its head's grammatical number."""
    words = lexicon.normalise(text)
    return morphology.phrase_lemma(words), morphology.grammatical_number(words.split()[-1]) if words else None


def _site_in_town(site: _Resolved, town: _Resolved) -> bool:
    """ "Саратовський НПЗ" and "Саратов": a site named for the town the other claim is placed in."""
    return (
        site.region_code is not None
        and site.region_code == town.region_code
        and (site.period == town.period or None in (site.period[0], town.period[0]))  # no earlier attack
        and names_site(site.draft.sentence.text, site.place)
        and lexicon.normalise(site.place)[:5] == lexicon.normalise(town.place)[:5]
    )


_ANOTHER_EVENT = re.compile(
    r"\b(?:in\s+a\s+separate|in\s+another|a\s+separate|another)\s+(?:attack|strike|incident|raid)\b", re.I
)
_PLACE_WORDS = re.compile(
    r"\b(?:the|of|in|area|district|city|town|village|settlement|region|oblast|raion|rayon|community|hromada|"
    r"outskirts|centre|center|suburbs?)\b",
    re.I,
)


def _place_name(place: str) -> str:
    """'the Tuapse area' and 'Tuapse district' name one town."""
    return " ".join(_PLACE_WORDS.sub(" ", lexicon.normalise(place)).split())


def _same_claimant(a: _Resolved, b: _Resolved) -> bool:
    ia, ib = a.identity, b.identity
    if "unattributed" in (ia.claimant_id, ib.claimant_id) or a.is_voice_of_report or b.is_voice_of_report:
        # A restatement far from any source ("The region's interception of 11 drones was praised")
        # repeats what was claimed, whoever claimed it.
        return True
    if _is_collective(ia) != _is_collective(ib) and ia.country == ib.country:
        return True  # "killing two, officials said" then "the toll rose to two, the city said": one claim
    return ia.claimant_id == ib.claimant_id or (
        ia.kind == ib.kind
        and (ia.country == ib.country or None in (ia.country, ib.country))
        # two governors, or two mayors, of different places are two claimants
        and (ia.region_code == ib.region_code or None in (ia.region_code, ib.region_code))
    )


def _is_collective(identity: Identity) -> bool:
    name = lexicon.normalise(re.sub(r"^the\s+", "", identity.claimant or "", flags=re.I))
    return name in _collective_sources()


@cache
def _collective_sources() -> frozenset[str]:
    return frozenset(lexicon.normalise(w) for w in lexicon.attribution()["collective_sources"])


def _same_place(a: _Resolved, b: _Resolved) -> bool:
    if a.scope == "region" and b.scope == "region":
        return a.region_code == b.region_code
    if not a.is_place_resolved or not b.is_place_resolved:
        return False
    broad = [c for c in (a, b) if c.scope in ("country", "unknown")]
    if not broad:
        return a.scope == b.scope and a.country == b.country
    # A figure "over Russian regions" and the same figure with no place: one country may be unknown.
    return a.country is None or b.country is None or a.country == b.country


def _specificity(r: _Resolved) -> tuple:
    return (
        r.draft.count is not None,
        r.scope == "region",
        r.scope == "country",
        r.identity.claimant_id != "unattributed",
        r.draft.weapon_model is not None,
    )


def _infer_total_scopes(everything: list[_Resolved]) -> None:
    """A total whose parts all lie in one country is a claim about that country."""
    children_of: dict[int, list[_Resolved]] = {}  # in one pass, not a search of the article per total
    for c in everything:
        # parts shot down out of a total launched say nothing of where the rest went
        if c.parent is not None and not c.dropped and c.draft.outcome == everything[c.parent].draft.outcome:
            children_of.setdefault(c.parent, []).append(c)
    for index, parent in enumerate(everything):
        if parent.dropped:
            continue
        children = children_of.get(index, [])
        # A sea among the parts ("..., and over the Sea of Azov") puts the total beyond one country.
        placed = [c for c in children if c.place_text is not None]  # not those that took the total's place
        countries = {c.country for c in placed if c.country or c.scope == "sea"}
        # "45 drones over seven regions, including 11 over Moscow": the total spans more than its parts.
        several = parent.draft.extras.get("several_places") or names_several_places(parent.draft.sentence.text)
        if (
            parent.scope == "unknown"
            and parent.is_place_resolved
            and len(countries) == 1
            and None not in countries
            and not several
        ):
            parent.scope, parent.country = "country", countries.pop()
        for child in children:
            if not child.is_place_resolved and child.country is None:
                child.country = parent.country


def _to_claims(article: Article, resolved: list[_Resolved]) -> list[Claim]:
    ids: dict[int, str] = {}
    seen: set[str] = set()
    for index, r in enumerate(resolved):
        if r.dropped:
            continue
        d = r.draft
        place = r.region_code or r.scope
        key = f"{article.article_id}|{d.sentence.start + d.anchor_start}|{d.outcome}|{d.weapon}|{place}"
        claim_id = hashlib.sha1(key.encode()).hexdigest()[:16]
        while claim_id in seen:
            claim_id = hashlib.sha1((key + claim_id).encode()).hexdigest()[:16]
        seen.add(claim_id)
        ids[index] = claim_id
    claims = []
    for index, r in enumerate(resolved):
        if r.dropped:
            continue
        d = r.draft
        parent = r.parent
        while parent is not None and resolved[parent].dropped:
            parent = resolved[parent].parent
        identity = r.identity
        claims.append(
            Claim(
                claim_id=ids[index],
                article_id=article.article_id,
                claimant=identity.claimant,
                claimant_id=identity.claimant_id or "unattributed",
                claimant_kind=identity.kind,
                claimant_country=identity.country if identity.claimant_id != "unattributed" else None,
                outcome=d.outcome,
                weapon=d.weapon,
                weapon_model=d.weapon_model,
                weapon_origin=r.weapon_origin,
                count=d.count,
                count_qualifier=d.count_qualifier,
                country=r.country,
                region_code=r.region_code if r.scope == "region" else None,
                scope=r.scope,
                place=r.place,
                time_text=r.time_text,
                period_start=r.period[0],
                period_end=r.period[1],
                parent_claim_id=ids.get(parent) if parent is not None else None,
                evidence_start=d.sentence.start,
                evidence_end=d.sentence.end,
                evidence_text=article.text[d.sentence.start : d.sentence.end],
                count_text=d.count_text,
                outcome_text=d.outcome_text,
                weapon_text=d.thing.text if d.thing else None,
                place_text=r.place_text,
                is_place_resolved=r.is_place_resolved,
                is_hedged=d.is_hedged,
                mention_start=d.sentence.start + d.anchor_start,
            )
        )
    return claims
