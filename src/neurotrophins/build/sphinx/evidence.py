"""Sphinx pieces that bring the evidence dataset into the book.

* ``{claim}`claim-id``` renders a claim's evidence grade and verdict as a badge that links to the
  claim's entry on the evidence map; its tooltip gives the statement and the references. An unknown
  id is a build warning (so ``-W`` fails the build) naming the page and the id.
* ``{evidence-map}`` (option ``:topic:``) lists every claim of a topic: statement, verdict, grade,
  references, and back-links to every page whose prose tags the claim.
* ``{data-dictionary}`` documents every table of ``data/datapackage.json``: fields, types,
  constraints, keys, and a download link for the CSV (the files are copied into ``_data/``).
"""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import pandas as pd
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from ... import data
from ...references import short_citation

logger = logging.getLogger(__name__)

EVIDENCE_MAP_DOC = "book/appendix/evidence-map"
DATA_URL_DIR = "_data"


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in str(text).lower()).strip("-")


class EvidenceData:
    """Claims, their references and the references table, loaded once per build."""

    def __init__(self) -> None:
        self.claims = data.load("claims").set_index("id", drop=False).rename_axis(None)
        self.links = data.load("claim_references")
        self.refs = data.load("references").set_index("key", drop=False).rename_axis(None)

    def refs_of(self, claim_id: str) -> list[tuple[pd.Series, str]]:
        rows = self.links[self.links["claim_id"] == claim_id]
        return [(self.refs.loc[r.reference], str(r.relation)) for r in rows.itertuples()]


def _evidence(app: Sphinx) -> EvidenceData:
    if not hasattr(app, "_course_evidence"):
        app._course_evidence = EvidenceData()
    return app._course_evidence


def _badge_classes(claim: pd.Series) -> str:
    return f"claim-badge grade-{_slug(claim['grade'])} verdict-{_slug(claim['verdict'])}"


def _badge_parts(claim: pd.Series) -> tuple[str, str]:
    """The two texts of a badge: the grade and the verdict (the role and the map show the same)."""
    return f"{claim['grade']} evidence", f" · {claim['verdict']}"


class ClaimRole(SphinxRole):
    """``{claim}`id```: a grade badge linking to the claim on the evidence map."""

    def run(self):
        claim_id = self.text.strip()
        ev = _evidence(self.env.app)
        if claim_id not in ev.claims.index:
            logger.warning(
                "unknown claim id %r: add it to data/claims.csv or fix the tag",
                claim_id,
                location=self.get_location(),
                type="course",
                subtype="claim",
            )
            return [nodes.inline(self.rawtext, f"[unknown claim {claim_id}]", classes=["claim-unknown"])], []
        claim = ev.claims.loc[claim_id]
        uses = self.env.__dict__.setdefault("course_claim_uses", {})
        serial = sum(len(v) for v in uses.values())
        anchor = f"claimref-{claim_id}-{serial}"
        uses.setdefault(claim_id, []).append((self.env.docname, anchor))
        refs = "; ".join(short_citation(r) for r, _ in ev.refs_of(claim_id))
        title = f"{claim['statement']} Verdict: {claim['verdict']}. Evidence: {claim['grade']}. {refs}"
        node = nodes.reference(
            "",
            "",
            internal=True,
            classes=_badge_classes(claim).split(),
            refdocname=EVIDENCE_MAP_DOC,
            refanchor=f"claim-{claim_id}",
            reftitle=title,
        )
        grade_text, verdict_text = _badge_parts(claim)
        node += nodes.inline("", grade_text, classes=["claim-grade"])
        node += nodes.inline("", verdict_text, classes=["claim-verdict"])
        target = nodes.inline("", "", ids=[anchor], classes=["claim"])
        target += node
        return [target], []


def _resolve_claim_badges(app: Sphinx, doctree, docname: str) -> None:
    if app.builder.format != "html":
        return
    for ref in doctree.findall(nodes.reference):
        target_doc = ref.get("refdocname")
        if target_doc and "refuri" not in ref:
            ref["refuri"] = app.builder.get_relative_uri(docname, target_doc) + "#" + ref["refanchor"]


def _purge(app, env, docname):
    env.__dict__.get("course_evidence_maps", set()).discard(docname)
    uses = env.__dict__.get("course_claim_uses", {})
    for claim_id in list(uses):
        uses[claim_id] = [u for u in uses[claim_id] if u[0] != docname]


def _merge(app, env, docnames, other):
    mine = env.__dict__.setdefault("course_claim_uses", {})
    for claim_id, use in other.__dict__.get("course_claim_uses", {}).items():
        mine.setdefault(claim_id, []).extend(use)
    env.__dict__.setdefault("course_evidence_maps", set()).update(other.__dict__.get("course_evidence_maps", ()))


def _note_pages_read(app, env, docnames):
    app.course_pages_read = set(docnames)


def _evidence_maps_to_rewrite(app, env):
    """An incremental build rewrites the evidence maps whenever a page was read again: they list where each
    claim is taught, and Sphinx does not know that they depend on every page."""
    maps = env.__dict__.get("course_evidence_maps", set())
    return sorted(maps) if getattr(app, "course_pages_read", set()) - maps else []


class evidence_map_node(nodes.General, nodes.Element):
    """Placeholder filled once every page has been read (back-links need them all)."""


class EvidenceMapDirective(SphinxDirective):
    option_spec = {"topic": directives.unchanged_required}

    def run(self):
        topic = self.options.get("topic")
        claims = _evidence(self.env.app).claims
        if topic not in set(claims["topic"].astype(str)):
            logger.warning(
                "evidence-map: no claims with topic %r",
                topic,
                location=self.get_location(),
                type="course",
                subtype="claim",
            )
        self.env.__dict__.setdefault("course_evidence_maps", set()).add(self.env.docname)
        return [evidence_map_node(topic=topic)]


def _entry_html(app, fromdoc: str, claim: pd.Series, ev: EvidenceData, uses) -> str:
    esc = html.escape
    refs = []
    for ref, relation in ev.refs_of(claim["id"]):
        label = esc(short_citation(ref))
        if not pd.isna(ref["doi"]):
            label = f'<a href="https://doi.org/{esc(ref["doi"])}">{label}</a>'
        elif not pd.isna(ref["pmid"]):
            label = f'<a href="https://pubmed.ncbi.nlm.nih.gov/{int(ref["pmid"])}/">{label}</a>'
        refs.append(f'<span class="claim-relation relation-{_slug(relation)}">{esc(relation)}</span> {label}')
    taught = []
    for docname, anchor in uses.get(claim["id"], []):
        title = app.env.titles[docname].astext() if docname in app.env.titles else docname
        uri = app.builder.get_relative_uri(fromdoc, docname) + "#" + anchor
        taught.append(f'<a href="{esc(uri)}">{esc(title)}</a>')
    origin = (
        "Source article" + (f" ({esc(claim['source_id'])})" if not pd.isna(claim["source_id"]) else "")
        if claim["origin"] == "source article"
        else "Course"
    )
    grade_text, verdict_text = _badge_parts(claim)
    parts = [
        f'<div class="claim-entry" id="claim-{esc(claim["id"])}">',
        f'<p class="claim-statement">{esc(claim["statement"])}</p>',
        f'<p class="claim-meta"><span class="{_badge_classes(claim)}"><span class="claim-grade">'
        f'{esc(grade_text)}</span><span class="claim-verdict">{esc(verdict_text)}</span></span> '
        f'<span class="claim-facts">{origin} · {esc(claim["population"])} · measured: {esc(claim["measure"])}'
        f" · id <code>{esc(claim['id'])}</code></span></p>",
    ]
    if not pd.isna(claim["note"]):
        parts.append(f'<p class="claim-note">{esc(claim["note"])}</p>')
    parts.append(f'<p class="claim-refs">References: {"; ".join(refs) if refs else "none"}</p>')
    taught_html = ", ".join(taught) if taught else "not yet tagged in a chapter"
    parts.append(f'<p class="claim-taught">Taught in: {taught_html}</p>')
    parts.append("</div>")
    return "\n".join(parts)


def _fill_evidence_maps(app: Sphinx, doctree, docname: str) -> None:
    placeholders = list(doctree.findall(evidence_map_node))
    if not placeholders:
        return
    ev = _evidence(app)
    uses = app.env.__dict__.get("course_claim_uses", {})
    for node in placeholders:
        rows = ev.claims[ev.claims["topic"].astype(str) == node["topic"]]
        # grade is an ordered categorical (datapackage.json): highest grade first, then by id
        rows = rows.sort_values(["grade", "id"], ascending=[False, True])
        body = "\n".join(_entry_html(app, docname, r, ev, uses) for _, r in rows.iterrows())
        node.replace_self(nodes.raw("", body, format="html"))


class DataDictionaryDirective(SphinxDirective):
    """Document every table of the data package, with a download link for each CSV."""

    def run(self):
        pkg = json.loads((data.data_dir() / "datapackage.json").read_text(encoding="utf-8"))
        self.env.note_dependency(str(data.data_dir() / "datapackage.json"))
        out = []
        depth = "../" * self.env.docname.count("/")
        for res in pkg["resources"]:
            section = nodes.section(ids=[f"table-{res['name']}"])
            section += nodes.title("", res["name"])
            schema = res["schema"]
            pk = schema.get("primaryKey", [])
            n_rows = len(data.load(res["name"]))
            section += nodes.raw(
                "",
                (
                    f"<p>{html.escape(res.get('description', ''))}</p>"
                    f'<p><a href="{depth}{DATA_URL_DIR}/{html.escape(res["path"])}" download>'
                    f"Download {html.escape(res['path'])}</a> · {n_rows} rows · primary key: "
                    f"<code>{html.escape(', '.join(pk))}</code></p>"
                ),
                format="html",
            )
            table = [
                '<table class="table data-dictionary"><thead><tr><th>field</th><th>type</th>'
                "<th>description</th><th>constraints</th></tr></thead><tbody>"
            ]
            for f in schema["fields"]:
                cons = dict(f.get("constraints", {}))
                bits = []
                if cons.pop("required", False):
                    bits.append("required")
                if cons.pop("unique", False):
                    bits.append("unique")
                if "enum" in cons:
                    order = " (ordered)" if f.get("enumOrdered") else ""
                    bits.append("one of" + order + ": " + ", ".join(map(str, cons.pop("enum"))))
                bits += [f"{k}: {v}" for k, v in cons.items()]
                for fk in schema.get("foreignKeys", []):
                    if f["name"] in fk["fields"]:
                        bits.append(f"refers to {fk['reference']['resource']}.{', '.join(fk['reference']['fields'])}")
                unit = f" ({f['unit']})" if f.get("unit") else ""
                table.append(
                    f"<tr><td><code>{html.escape(f['name'])}</code></td><td>{html.escape(f.get('type', 'string'))}</td>"
                    f"<td>{html.escape(f.get('description', ''))}{html.escape(unit)}</td>"
                    f"<td>{html.escape('; '.join(bits))}</td></tr>"
                )
            table.append("</tbody></table>")
            section += nodes.raw("", "\n".join(table), format="html")
            out.append(section)
        return out


def _copy_data(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    dest = Path(app.outdir) / DATA_URL_DIR
    dest.mkdir(parents=True, exist_ok=True)
    for path in data.data_dir().iterdir():
        if path.suffix in {".csv", ".json", ".bib", ".md"}:
            shutil.copyfile(path, dest / path.name)


def setup(app: Sphinx) -> None:
    app.add_role("claim", ClaimRole())
    app.add_node(evidence_map_node)
    app.add_directive("evidence-map", EvidenceMapDirective)
    app.add_directive("data-dictionary", DataDictionaryDirective)
    app.connect("doctree-resolved", _resolve_claim_badges)
    app.connect("doctree-resolved", _fill_evidence_maps)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-before-read-docs", _note_pages_read)
    app.connect("env-get-updated", _evidence_maps_to_rewrite)
    app.connect("build-finished", _copy_data)
