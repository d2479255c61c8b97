"""A saved news page loads as its article: headline, then the body's paragraphs, without what the
page carries around them (teaser cards of other stories, "Read also" lines, captions, tags, share
and comment blocks), whose figures would otherwise become claims of this article."""

from __future__ import annotations

from datetime import date

import pytest
import trafilatura

from orchestration.article_extraction import make_article
from orchestration.claims import extract_claims
from orchestration.loading import parse_html

# Each page: (html, paragraphs the text must keep, furniture it must drop). Texts are our own.
ENGLISH_WIRE_PAGE = (
    """<!doctype html><html lang="en"><head><title>Drones hit Lutsk as Russia strikes western Ukraine | Wire</title>
<meta property="og:site_name" content="Wire"><meta property="article:published_time" content="2025-07-09T09:40:00Z">
</head><body>
<div class="top-bar"><a href="/">Home</a> <a href="/world">World</a> <a href="/ukraine">Ukraine war</a></div>
<div class="breaking">BREAKING: 12 killed as missiles hit Kharkiv market</div>
<main><article class="story">
<h1>Drones hit Lutsk as Russia strikes western Ukraine</h1>
<div class="byline">By Olena Marchuk and Tom Reed <time datetime="2025-07-09T09:40:00Z">July 9, 2025</time></div>
<div class="share"><a>Share on X</a> <a>Share on Facebook</a> <a>Copy link</a></div>
<p>KYIV, Ukraine — Russia sent 728 drones and 13 missiles against Ukraine overnight, the largest air attack of the
war so far, the Ukrainian air force said on Wednesday, with the heaviest blows falling on the western city of
Lutsk.</p>
<p>Air defenses shot down or jammed 718 of the drones and seven of the missiles, the air force said in its morning
update, adding that hits were recorded at 13 locations across the country.</p>
<figure><img src="/img/lutsk.jpg" alt=""><figcaption>Firefighters work at a warehouse hit by 4 drones in Lutsk on
Wednesday. (Photo: Wire)</figcaption></figure>
<p>In Lutsk, a drone struck an industrial enterprise on the edge of the city and started a fire that burned through
the morning, Mayor Ihor Polishchuk said. Two people were injured by falling debris, he said.</p>
<div class="related-inline"><span>Related coverage</span>
<a href="/a1">Russia fires 550 drones and missiles at Kyiv, killing 2</a></div>
<p>Russia's Defense Ministry said its forces had struck airfields and defense plants with long-range weapons and
that all designated targets had been hit.</p>
<div class="tags">Tags: <a>Ukraine</a> <a>Russia</a> <a>Lutsk</a></div>
</article>
<section class="more-stories"><h2>More from Ukraine war</h2>
<article class="card"><h3><a href="/b1">Ukraine says 40 drones downed over Odesa region</a></h3></article>
<article class="card"><h3><a href="/b2">Drone attack on Belgorod injures 3</a></h3></article>
<article class="card"><h3><a href="/b3">Kursk governor: 15 drones destroyed overnight</a></h3></article>
</section>
<div class="comments"><h2>Comments (14)</h2><p>Reader: They sent 900 drones last night, not 728.</p></div>
</main>
<footer><p>© 2025 Wire. All rights reserved.</p></footer>
</body></html>""",
    [
        "Drones hit Lutsk as Russia strikes western Ukraine",
        "Russia sent 728 drones and 13 missiles against Ukraine overnight",
        "Air defenses shot down or jammed 718 of the drones",
        "a drone struck an industrial enterprise on the edge of the city",
        "all designated targets had been hit",
    ],
    ["Share on X", "hit by 4 drones", "550 drones", "40 drones downed", "Belgorod injures 3", "15 drones", "900", "©"],
)

RUSSIAN_AGENCY_PAGE = (
    """<html><head><meta charset="utf-8"><title>Над Брянской областью сбиты 14 беспилотников - Агентство</title>
<meta name="pubdate" content="2024-08-26T07:15:00+03:00"></head><body>
<div class="header"><div class="menu">Политика Экономика Общество Происшествия Спорт</div></div>
<div class="layout"><div class="article">
<div class="article__info">26.08.2024, 07:15 · Обновлено 26.08.2024, 08:02</div>
<h1 class="article__title">Над Брянской областью сбиты 14 беспилотников</h1>
<div class="article__announce">Губернатор сообщил о повреждениях в Брянске и Клинцах</div>
<div class="article__text">
<p>МОСКВА, 26 авг — Агентство. Дежурные средства ПВО ночью уничтожили 14 украинских беспилотников самолетного типа
над территорией Брянской области, сообщили в Министерстве обороны России.</p>
<p>Всего, по данным ведомства, над регионами страны перехвачены 22 беспилотника: кроме Брянской области, по четыре
над Курской и Белгородской областями.</p>
<figure class="photo"><img src="/p.jpg"><figcaption>Последствия атаки БПЛА в Клинцах. Фото:
Telegram-канал губернатора</figcaption></figure>
<p>Губернатор Брянской области Александр Богомаз написал в Telegram, что в Клинцах обломки дрона повредили крышу
частного дома и линию электропередачи. Пострадавших нет, на месте работают экстренные службы.</p>
<div class="article__read-also"><p>Читайте также:</p><ul>
<li><a href="/x1">В Белгородской области при атаке дрона ранены два человека</a></li>
<li><a href="/x2">Над Крымом сбиты 9 украинских беспилотников</a></li></ul></div>
<p>В Брянске, по словам главы региона, беспилотник атаковал территорию промышленного предприятия, возник пожар,
который потушили к утру.</p>
</div>
<div class="article__tags"><a>Брянская область</a><a>ПВО</a><a>Беспилотники</a></div>
</div>
<div class="sidebar-like"><div class="popular"><div class="popular__title">Самое читаемое</div>
<ol><li><a>Курск: за сутки сбиты 30 беспилотников</a></li>
<li><a>Шесть человек пострадали при атаке на Шебекино</a></li></ol></div></div>
</div>
<div class="footer">Агентство © 2024. Все права защищены. 18+</div></body></html>""",
    [
        "Над Брянской областью сбиты 14 беспилотников",
        "уничтожили 14 украинских беспилотников самолетного типа",
        "по четыре над Курской и Белгородской областями",
        "обломки дрона повредили крышу частного дома",
        "беспилотник атаковал территорию промышленного предприятия",
    ],
    ["Последствия атаки БПЛА", "ранены два человека", "Над Крымом сбиты 9", "сбиты 30", "Шесть человек", "18+"],
)

UKRAINIAN_REGIONAL_PAGE = (
    """<html lang="uk"><head><title>Ніч на Харківщині: удари КАБів і дронів, є поранені — Новини регіону</title>
<meta property="og:site_name" content="Новини регіону"></head><body>
<ul class="nav"><li><a>Головна</a></li><li><a>Війна</a></li><li><a>Харків</a></li></ul>
<div class="content">
<h1>Ніч на Харківщині: удари КАБів і дронів, є поранені</h1>
<div class="meta">Автор: Ірина Коваль | 4 лютого 2026, 09:12 | <span>Переглядів: 1 284</span></div>
<div class="post-body">
<p>Упродовж доби росіяни атакували 14 населених пунктів Харківської області, повідомив начальник обласної
військової адміністрації Олег Синєгубов. Поранено шестеро людей, серед них дитина.</p>
<p>У Харкові, за словами міського голови Ігоря Терехова, ворог скинув на Основ'янський район дві керовані
авіабомби. Одна влучила у двір багатоповерхівки, друга — у територію підприємства.</p>
<div class="wp-caption"><img src="/k.jpg"><p class="wp-caption-text">Наслідки удару по Харкову, 3 лютого.
Фото: ОВА</p></div>
<p>Пошкоджено 40 квартир, два автомобілі та адміністративну будівлю, уточнили в ДСНС. Рятувальники працювали на
місці до ранку.</p>
<div class="read-more"><strong>Читайте також:</strong> <a>На Сумщині за добу збито 25 дронів</a></div>
<p>У Чугуївському районі уламки збитого дрона пошкодили лінію електропередачі, без світла залишилися три села,
повідомили в обленерго.</p>
</div>
<div class="share-buttons">Поділитися: Facebook Telegram Viber</div>
<div class="related-posts"><h3>Схожі новини</h3>
<ul><li><a>Харків атакували шість «шахедів»: пошкоджено 40 квартир</a></li>
<li><a>У Куп'янську через удар дрона загинув чоловік</a></li></ul></div>
</div>
<div class="footer">Усі права захищено. Передрук лише з посиланням.</div></body></html>""",
    [
        "Ніч на Харківщині: удари КАБів і дронів, є поранені",
        "росіяни атакували 14 населених пунктів Харківської області",
        "Одна влучила у двір багатоповерхівки",
        "Пошкоджено 40 квартир, два автомобілі",
        "уламки збитого дрона пошкодили лінію електропередачі",
    ],
    ["Фото: ОВА", "збито 25 дронів", "шість «шахедів»", "загинув чоловік", "Поділитися", "Передрук"],
)

PAGES = {
    "english wire": ENGLISH_WIRE_PAGE,
    "russian agency": RUSSIAN_AGENCY_PAGE,
    "ukrainian regional": UKRAINIAN_REGIONAL_PAGE,
}


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_as_headline_and_body_without_furniture(name):
    html, kept, dropped = PAGES[name]
    text = parse_html(html).text
    assert text.split("\n\n")[0] == kept[0], "the headline is the first paragraph"
    for phrase in kept:
        assert phrase in text
    for phrase in dropped:
        assert phrase not in text


@pytest.mark.parametrize("name", PAGES)
def test_furniture_gives_no_claims(name):
    html, _, dropped = PAGES[name]
    text = parse_html(html).text
    claims = extract_claims(make_article("page", text, date(2025, 7, 9), None, None))
    assert claims, "the article's own claims are read"
    for claim in claims:
        assert not any(phrase in claim.evidence_text for phrase in dropped)


def test_a_page_the_main_text_extractor_fails_on_falls_back_to_its_blocks(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("lxml gave up")

    monkeypatch.setattr(trafilatura, "extract", broken)
    page = parse_html("<html><body><article><h1>Head</h1><p>Two drones were shot down.</p></article></body></html>")
    assert page.text == "Head\n\nTwo drones were shot down."


def test_a_page_too_short_for_the_main_text_extractor_keeps_its_paragraphs():
    page = parse_html("<html><body><p>Air defence shot down 3 drones over Kursk.</p></body></html>")
    assert page.text == "Air defence shot down 3 drones over Kursk."


def test_list_items_lose_the_extractors_bullet_marks():
    html, _, _ = UKRAINIAN_REGIONAL_PAGE
    page = html.replace(
        "<p>Пошкоджено 40 квартир",
        "<ul><li>сім КАБів;</li><li>чотири БпЛА типу «Герань-2»;</li></ul><p>Пошкоджено 40 квартир",
    )
    paragraphs = parse_html(page).text.split("\n\n")
    assert "сім КАБів;" in paragraphs
    assert "чотири БпЛА типу «Герань-2»;" in paragraphs


STANDFIRST_PAGE = """<html><head><title>Strikes on Dnipro kill 5 | Wire</title></head><body>
<nav>World Europe Ukraine</nav>
<article>
<h1>Ukraine updates: Russian strikes on Dnipro kill 5</h1>
<p class="teaser">Russian missiles and drones have killed at least five people in central Ukraine, officials say.
Meanwhile, Ukraine said it had struck a refinery in Russia's Volgograd region.</p>
<div class="author">Published October 17, 2025 · Olena Marchuk</div>
<p>Russian missiles struck an industrial area of Dnipro on Friday morning, killing four people and injuring 14,
the head of the regional military administration said on Telegram.</p>
<p>A drone attack on Kryvyi Rih overnight killed one man and damaged a school and three apartment blocks, the
head of the city's defence council wrote.</p>
<p>Ukraine's general staff said its drones had hit the Volgograd refinery, causing a fire at a processing unit;
the regional governor confirmed that debris fell on the plant's grounds.</p>
<figure><img src="/d.jpg"><figcaption>Rescuers at the site of the strike in Dnipro. Photo: Reuters</figcaption></figure>
</article>
<aside><h3>More on this</h3><p>Russia launches 40 drones at Odesa, 2 killed</p></aside>
</body></html>"""


def test_a_standfirst_the_main_text_extractor_drops_stays_under_the_headline():
    paragraphs = parse_html(STANDFIRST_PAGE).text.split("\n\n")
    assert paragraphs[0] == "Ukraine updates: Russian strikes on Dnipro kill 5"
    assert paragraphs[1].startswith("Russian missiles and drones have killed at least five people")
    assert sum("killed at least five people" in p for p in paragraphs) == 1, "kept once"
    assert not any("Photo: Reuters" in p or "40 drones" in p for p in paragraphs)


def test_a_caption_under_the_headline_is_no_standfirst():
    caption = (
        '<p class="teaser">Firefighters at a damaged house in Dnipro on Friday after the strike. Photo: Reuters</p>'
    )
    text = parse_html(STANDFIRST_PAGE.replace('<p class="teaser">', caption + "<p>")).text
    assert "Photo: Reuters" not in text
