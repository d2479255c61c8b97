"""How much page furniture inside an article's text costs the extractor, on the blind corpora.

Real pages saved as text carry lines around the story that no author of our corpora wrote between
its paragraphs: bylines and time stamps, "Subscribe to our channel" lines, tag lists, photo
captions. This inserts one such line (our own wording, chosen per article's language with a fixed
seed) after the headline, the third and the sixth paragraph of every article, extracts, and scores
against the unchanged gold. The F1 lost to each kind of line is what the extractor lets furniture
break: a place or source carried from one paragraph to the next, the lead's place after the
headline.

    .venv/bin/python bench/page_furniture.py                 # sets 10-19, every kind
    .venv/bin/python bench/page_furniture.py --kinds none byline --corpora real_blind_19/en
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from orchestration.article_extraction import make_article  # noqa: E402
from orchestration.claims import extract_claims  # noqa: E402
from orchestration.evaluation import claim_rows, read_gold, score  # noqa: E402
from orchestration.loading import read_folder  # noqa: E402

CORPUS_ROOT = Path(__file__).resolve().parent.parent / "tests" / "corpus"
DEFAULT_CORPORA = [f"real_blind_{n}/{half}" for n in range(10, 20) for half in ("en", "ru_uk")]
AFTER_PARAGRAPHS = (0, 2, 5)
FURNITURE = {
    "byline": {
        "en": [
            "By Olena Harmash and Tom Balmforth",
            "Updated 09:14 GMT",
            "3 min read",
            "Kateryna Tyshchenko, 7 July 2025",
        ],
        "ru": ["Автор: Иван Сергеев", "07 июля 2025, 08:12 · Обновлено 09:40", "Время чтения: 2 мин."],
        "uk": ["Автор: Ірина Коваль", "07 липня 2025, 08:12", "Переглядів: 1 284"],
    },
    "promo": {
        "en": ["Subscribe to our Telegram channel for the latest updates.", "Follow us on X and Facebook."],
        "ru": ["Подписывайтесь на наш Telegram-канал.", "Следите за новостями в нашем канале в Дзен."],
        "uk": ["Підписуйтеся на наш Telegram-канал.", "Стежте за новинами у Viber."],
    },
    "tags": {
        "en": ["Tags: Ukraine, Russia, drones, air defense", "Topics: War in Ukraine"],
        "ru": ["Теги: Украина, беспилотники, ПВО"],
        "uk": ["Теги: війна, дрони, ППО"],
    },
    "caption": {
        "en": ["Firefighters at the site of a strike in the city. Photo: State Emergency Service"],
        "ru": ["Последствия атаки. Фото: телеграм-канал губернатора", "Фото: РИА Новости"],
        "uk": ["Наслідки атаки. Фото: ДСНС", "Фото: Суспільне"],
    },
}


def language(article_id: str) -> str:
    return article_id[:2] if article_id[:3] in ("ru-", "uk-") else "en"


def with_furniture(text: str, lines: list[str], rng: random.Random) -> str:
    separator = "\n\n" if "\n\n" in text else "\n"
    paragraphs = text.split(separator)
    if len(paragraphs) <= 2:
        return text
    out = []
    for number, paragraph in enumerate(paragraphs):
        out.append(paragraph)
        if number in AFTER_PARAGRAPHS:
            out.append(rng.choice(lines))
    return separator.join(out)


def corpus_f1(job: tuple[str, str]) -> tuple[str, str, float]:
    kind, corpus = job
    folder = CORPUS_ROOT / corpus
    gold = read_gold(folder / "gold.jsonl")
    rng = random.Random(7)
    rows, seen = [], set()
    for record in read_folder(folder / "articles").records:
        if record.content_hash in seen:
            continue
        seen.add(record.content_hash)
        text = record.text
        if kind != "none":
            text = with_furniture(text, FURNITURE[kind][language(record.article_id)], rng)
        article = make_article(record.article_id, text, record.published_date, record.title, record.outlet)
        rows.extend(claim_rows(extract_claims(article)))
    return kind, corpus, score(gold, rows).f1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", nargs="+", default=["none", *FURNITURE], choices=["none", *FURNITURE])
    parser.add_argument("--corpora", nargs="+", default=DEFAULT_CORPORA)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    jobs = [(kind, corpus) for kind in args.kinds for corpus in args.corpora]
    with Pool(args.workers) as pool:
        results = pool.map(corpus_f1, jobs)
    means = {}
    for kind in args.kinds:
        scores = [f1 for k, _, f1 in results if k == kind]
        means[kind] = round(sum(scores) / len(scores), 4)
    report = {"corpora": len(args.corpora), "mean_f1": means}
    if "none" in means:
        report["lost_to"] = {kind: round(means["none"] - f1, 4) for kind, f1 in means.items() if kind != "none"}
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
