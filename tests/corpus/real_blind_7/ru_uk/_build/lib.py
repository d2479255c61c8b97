import json, os, html
from datetime import date, timedelta
ROOT = "/work/main/tests/corpus/real_blind_7/ru_uk"
ART = ROOT + "/articles"
GOLD = []
TEXTS = {}

def _write(path, content):
    full = os.path.join(ART, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8") as f:
        f.write(content)

def article(aid, path, fmt, paras, outlet=None, title=None, published=None, lang=None, url=None, chrome=None):
    text = "\n\n".join(paras)
    rec = {"id": aid, "url": url, "outlet": outlet, "title": title, "published_at": published, "language": lang, "text": text}
    if fmt == "json":
        _write(path, json.dumps(rec, ensure_ascii=False, indent=1))
    elif fmt == "jsonl":
        full = os.path.join(ART, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "a", encoding="utf-8") as f:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    elif fmt == "txt":
        _write(path, text + "\n")
    TEXTS[aid] = (text, published[:10] if published else None)
    return text

def html_article(aid, path, page, published=None):
    _write(path, page)
    import sys; sys.path.insert(0, "/work/main")
    from orchestration.loading import parse_html
    p = parse_html(page)
    TEXTS[aid] = (p.text, published)
    return p.text

class Art:
    def __init__(self, aid, claimant=None, kind="unattributed", cc=None, origin=None, tt=None, per=None):
        self.aid = aid; self.d = dict(claimant=claimant, kind=kind, cc=cc, origin=origin, tt=tt, per=per)
    def set(self, **kw):
        self.d.update(kw); return self
    def c(self, outcome, weapon, count, place, ev, q=None, model=None, place_text=None, parent=None, id=None, **kw):
        d = dict(self.d); d.update(kw)
        text, pub = TEXTS[self.aid]
        assert ev in text, (self.aid, ev)
        if q is None:
            q = "exact" if count is not None else "unspecified"
        if place.startswith("unknown"):
            scope, region = "unknown", None
            country = place.split(":")[1] if ":" in place else None
        elif place.startswith("country:"):
            scope, region, country = "country", None, place.split(":")[1]
        elif place == "sea":
            scope, region, country = "sea", None, None
        else:
            scope, region, country = "region", place, place.split("-")[0]
        per = d["per"]
        ps = pe = None
        if per and pub:
            P = date.fromisoformat(pub)
            if per == "n": ps, pe = P - timedelta(days=1), P
            elif per == "d": ps = pe = P
            elif per == "y": ps = pe = P - timedelta(days=1)
            elif per == "w": ps, pe = P - timedelta(days=7), P
            elif per == "tw": ps, pe = P - timedelta(days=P.weekday()), P
            elif isinstance(per, tuple): ps, pe = date.fromisoformat(per[0]), date.fromisoformat(per[1])
            elif isinstance(per, str) and len(per) == 10: ps = pe = date.fromisoformat(per)
            else: raise ValueError(per)
        noorigin = weapon in ("person", "building", "vehicle", "infrastructure")
        g = {"article": self.aid, "claimant": d["claimant"] if d["kind"] != "unattributed" else None,
             "claimant_kind": d["kind"], "claimant_country": d["cc"] if d["kind"] != "unattributed" else None,
             "outcome": outcome, "weapon": weapon, "weapon_model": None if noorigin else model,
             "weapon_origin": None if noorigin else d["origin"], "count": count, "count_qualifier": q,
             "country": country, "region_code": region, "scope": scope, "place": place_text,
             "time_text": d["tt"], "period_start": ps.isoformat() if ps else None,
             "period_end": pe.isoformat() if pe else None, "parent": parent, "evidence": ev}
        if id: g["id"] = id
        if "note" in kw: g["note"] = kw["note"]
        GOLD.append(g)
        return g

def page(title, site, published_iso, nav, h1, byline, paras, related=None, footer="", url=None, lang="ru_RU"):
    """paras: list of (tag, text) or str (p)."""
    body = []
    for p in paras:
        if isinstance(p, tuple):
            tag, t = p
            if tag == "figcaption":
                body.append(f'<figure><img src="/img/{abs(hash(t))%99999}.jpg" alt=""><figcaption>{html.escape(t)}</figcaption></figure>')
            elif tag == "related":
                body.append(f'<div class="read-also"><p><strong>{html.escape(t)}</strong></p></div>')
            elif tag == "li":
                body.append("<ul>" + "".join(f"<li>{html.escape(x)}</li>" for x in t) + "</ul>")
            else:
                body.append(f"<{tag}>{html.escape(t)}</{tag}>")
        else:
            body.append(f"<p>{html.escape(p)}</p>")
    rel = ""
    if related:
        rel = '<aside class="related"><h3>Читайте также</h3><ul>' + "".join(f'<li><a href="#">{html.escape(r)}</a></li>' for r in related) + "</ul></aside>"
    return f"""<!DOCTYPE html>
<html lang="{lang[:2]}">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}</title>
<meta property="og:site_name" content="{html.escape(site)}">
<meta property="og:title" content="{html.escape(title)}">
<meta property="og:url" content="{url or ''}">
<meta property="og:locale" content="{lang}">
<meta property="article:published_time" content="{published_iso}">
<link rel="stylesheet" href="/static/main.css">
<script src="/static/counter.js" async></script>
</head>
<body>
<header class="site-header"><a class="logo" href="/">{html.escape(site)}</a>
<nav>{" ".join(f'<a href="#">{html.escape(n)}</a>' for n in nav)}</nav></header>
<main>
<div class="breadcrumbs"><a href="/">{html.escape(site)}</a> / <a href="#">{html.escape(nav[0])}</a></div>
<article>
<h1>{html.escape(h1)}</h1>
<div class="byline"><span class="author">{html.escape(byline)}</span> <time datetime="{published_iso}">{published_iso[:16].replace('T', ' ')}</time></div>
{chr(10).join(body)}
<div class="tags"><a href="#">{html.escape(nav[0])}</a> <a href="#">{html.escape(nav[-1])}</a></div>
</article>
{rel}
</main>
<footer><p>{html.escape(footer)}</p><p>Все права защищены. 18+</p></footer>
</body>
</html>
"""

def save():
    with open(ROOT + "/gold.jsonl", "w", encoding="utf-8") as f:
        for g in GOLD:
            f.write(json.dumps(g, ensure_ascii=False) + "\n")
