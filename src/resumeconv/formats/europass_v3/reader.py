"""The SkillsPassport reader: lenient, it accepts the official examples and exports that fail their own XSD."""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from ...core import languages
from ...core.errors import InputError
from ...core.losses import LossReport, pointer
from .. import ReadResult
from .._europass import fields, names, richtext
from .._europass.fields import put
from .._europass.xml import Tree, parse, wrong_root
from .model import ACHIEVEMENTS, CEFR_TAGS, COUNTRY_FROM_V3, HEAD, NATIVE, NS


def read(data: bytes, *, source: str | None = None, format: str = "europass-v3", **_: Any) -> ReadResult:
    tree = parse(data, source)
    root = tree.getroot()
    name = etree.QName(root)
    if name.localname == "Candidate":
        raise InputError("this is a current Europass (Candidate) file: read it with -f europass", source)
    if name.localname != "SkillsPassport" or name.namespace != NS:
        old = " (Europass v2 learnerinfo is not supported)" if name.localname == "learnerinfo" else ""
        raise InputError(wrong_root("a Europass v3 SkillsPassport document", name, "SkillsPassport", NS) + old,
                         source)
    reader = _Reader(Tree(root, {"": NS}))
    return ReadResult.untyped(reader.read(), reader.report.items)


class _Reader:
    def __init__(self, tree: Tree):
        self.t = tree
        self.report = LossReport()
        self.doc: dict[str, Any] = {"basics": {}}

    def read(self) -> dict[str, Any]:
        t = self.t
        for path in ("DocumentInfo", "PrintingPreferences"):
            t.skip(t.find(t.root, path))
        learner = t.find(t.root, "LearnerInfo")
        self._identification(t.find(learner, "Identification"))
        statement = t.text(learner, "Headline/Type/Code") == "personal_statement"
        put(self.doc["basics"], "summary" if statement else "label", t.text(learner, "Headline/Description/Label"))
        for el in t.findall(learner, "WorkExperienceList/WorkExperience"):
            self._work(el)
        for el in t.findall(learner, "EducationList/Education"):
            self._education(el)
        self._skills(t.find(learner, "Skills"))
        for el in t.findall(learner, "AchievementList/Achievement"):
            self._achievement(el)
        t.report_leftovers(self.report)
        if not self.doc.get("basics"):
            self.doc.pop("basics", None)
        return self.doc

    def _section(self, path: tuple[str, ...]) -> list[dict[str, Any]]:
        parent = self.doc.setdefault(path[0], {}) if len(path) > 1 else self.doc
        items: list[dict[str, Any]] = parent.setdefault(path[-1], [])
        return items

    # -------------------------------------------------------- person

    def _identification(self, ident: Any) -> None:
        t = self.t
        basics = self.doc["basics"]
        t.mark(ident, "/basics")
        put(basics, "name", names.join_name(t.text(ident, "PersonName/FirstName"),
                                             t.text(ident, "PersonName/Surname")))
        contact = t.find(ident, "ContactInfo")
        put(basics, "email", t.text(contact, "Email/Contact"))
        numbers = [t.text(el, "Contact") for el in t.findall(contact, "TelephoneList/Telephone")]
        put(basics, "phone", next(filter(None, numbers), None))
        for el in t.findall(contact, "TelephoneList/Telephone")[1:]:
            t.used.discard(t.find(el, "Contact"))
        for site in t.findall(contact, "WebsiteList/Website"):
            self._website(basics, t.text(site, "Contact"), t.text(site, "Use/Label"))
        box = t.find(contact, "Address/Contact")
        loc: dict[str, Any] = {}
        for key, tag in (("address", "AddressLine"), ("postalCode", "PostalCode"), ("city", "Municipality")):
            put(loc, key, t.text(box, tag))
        code = t.text(box, "Country/Code")
        put(loc, "countryCode", COUNTRY_FROM_V3.get(code or "", code))
        if code:
            t.text(box, "Country/Label")
        put(basics, "location", loc)

    def _website(self, basics: dict[str, Any], url: str | None, label: str | None) -> None:
        if not url:
            return
        if url.startswith("https://orcid.org/") and "orcid" not in basics:
            basics["orcid"] = url.rsplit("/", 1)[1]
        elif label is None and "url" not in basics:
            basics["url"] = url
        else:
            basics.setdefault("profiles", []).append({k: v for k, v in (("network", label), ("url", url)) if v})

    # -------------------------------------------------------- experience

    def _period(self, el: Any, item: dict[str, Any]) -> None:
        t = self.t
        put(item, "startDate", _read_date(t, t.find(el, "Period/From")))
        put(item, "endDate", _read_date(t, t.find(el, "Period/To")))
        t.text(el, "Period/Current")

    def _organisation(self, org: Any, item: dict[str, Any], name_key: str) -> None:
        t = self.t
        put(item, name_key, t.text(org, "Name"))
        put(item, "location", t.text(org, "ContactInfo/Address/Contact/Municipality"))
        put(item, "url", t.text(org, "ContactInfo/Website/Contact"))

    def _rich(self, text: str | None, path: tuple[str, ...], item: dict[str, Any], text_key: str | None,
              bullets_key: str | None = None) -> None:
        rest = fields.take_rich(text, path, item, text_key, bullets_key)
        if rest:
            self.report.add(pointer(*path, len(self._section(path))),
                            f"description '{' '.join(rest)[:60]}' has no place in JSON Resume")

    def _work(self, el: Any) -> None:
        t = self.t
        item: dict[str, Any] = {}
        t.mark(el, pointer("work", len(self._section(("work",)))))
        self._period(el, item)
        put(item, "position", t.text(el, "Position/Label"))
        self._organisation(t.find(el, "Employer"), item, "name")
        self._rich(t.text(el, "Activities"), ("work",), item, "summary", "highlights")
        self._section(("work",)).append(item)

    def _education(self, el: Any) -> None:
        t = self.t
        item: dict[str, Any] = {}
        t.mark(el, pointer("education", len(self._section(("education",)))))
        self._period(el, item)
        put(item, "studyType", t.text(el, "Title"))
        self._organisation(t.find(el, "Organisation"), item, "institution")
        put(item, "area", t.text(el, "Field/Label"))
        self._rich(t.text(el, "Activities"), ("education",), item, None)
        self._section(("education",)).append(item)

    # -------------------------------------------------------- skills

    def _skills(self, skills: Any) -> None:
        t = self.t
        for el in t.findall(skills, "Linguistic/MotherTongueList/MotherTongue"):
            name = _language(t.text(el, "Description/Label"), t.text(el, "Description/Code"))
            if name:
                self._section(("languages",)).append({"language": name, "fluency": NATIVE})
        for el in t.findall(skills, "Linguistic/ForeignLanguageList/ForeignLanguage"):
            t.mark(el, pointer("languages", len(self._section(("languages",)))))
            item: dict[str, Any] = {}
            put(item, "language", _language(t.text(el, "Description/Label"), t.text(el, "Description/Code")))
            cefr = {dim: t.text(el, f"ProficiencyLevel/{tag}") for dim, tag in CEFR_TAGS.items()}
            put(item, "cefr", {k: v for k, v in cefr.items() if v})
            self._section(("languages",)).append(item)
        for line in richtext.from_html(t.text(skills, "JobRelated/Description")).bullets:
            name, sep, keywords = line.partition(": ")
            skill: dict[str, Any] = {"name": name}
            if sep:
                skill["keywords"] = [k.strip() for k in keywords.split(fields.LIST_SEP.strip()) if k.strip()]
            self._section(("skills",)).append(skill)

    # -------------------------------------------------------- achievements

    def _achievement(self, el: Any) -> None:
        t = self.t
        code = t.text(el, "Title/Code")
        label = t.text(el, "Title/Label")
        spec = next((s for s in ACHIEVEMENTS if (code and s[1] == code) or (not s[1] and s[2] == label)), None)
        text = t.text(el, "Description")
        if spec is None or not text or "<li>" not in text:
            for tag in ("Description", "Title/Label", "Title/Code"):
                t.used.discard(t.find(el, tag))
            self.t.mark(el, "")
            return
        where, _, _, title_key, date_keys, text_key = spec
        path = tuple(where.partition("#")[0].split("/"))
        intro, items = _split_list(text)
        if intro and where == "publications":
            self.doc.setdefault("meta", {})["publicationsOverview"] = "\n".join(richtext.from_html(intro).paragraphs)
        for entry in items:
            self._entry(entry, path, where, title_key, date_keys, text_key)

    def _entry(self, entry: str, path: tuple[str, ...], where: str, title_key: str, date_keys: tuple[str, ...],
               text_key: str | None) -> None:
        rich = richtext.from_html(entry)
        lines = list(rich.paragraphs)
        first = lines[0] if lines else ""
        item: dict[str, Any] = {}
        if rich.strong and rich.strong[0][0] and first.startswith(rich.strong[0][0]):
            item[title_key] = rich.strong[0][0]
            head = first[len(item[title_key]):].strip()
            lines.pop(0)
        else:
            head = first.strip() if HEAD.fullmatch(first.strip()) else ""
            if head:
                lines.pop(0)
        match = HEAD.fullmatch(head)
        if match:
            for key, value in zip(date_keys, (match["from"], match["to"]), strict=False):
                put(item, key, value)
        elif head:
            lines.insert(0, head)
        rest = fields.take_coded(rich, item) + fields.take_extras(lines, path, item)
        if rich.bullets:
            item["highlights"] = rich.bullets
        if rest and text_key:
            item[text_key] = "\n".join(rest)
        fields.retype(item, path)
        if where == "projects#talks" and "type" not in item:
            item["type"] = "conference"
        if where == "volunteer#service" and "type" not in item:
            item["type"] = "other"
        self._section(path).append(item)


def _split_list(text: str) -> tuple[str, list[str]]:
    """(text before the list, raw HTML of each top-level <li>) of an achievement's description."""
    start = text.find("<ol>") if "<ol>" in text else text.find("<ul>")
    intro, body = (text[:start], text[start + 4:]) if start >= 0 else ("", text)
    items, depth, begin = [], 0, 0
    for match in re.finditer(r"<(/?)li\b[^>]*>", body):
        if not match.group(1):
            depth += 1
            if depth == 1:
                begin = match.end()
        else:
            depth -= 1
            if depth == 0:
                items.append(body[begin:match.start()])
    return intro, items


def _read_date(t: Tree, el: Any) -> str | None:
    """'2019-03' from year='2019' month='--03'; None when the element or its year is missing or malformed."""
    if el is None:
        return None
    t.used.add(el)
    year = (el.get("year") or "").strip()
    month = (el.get("month") or "").strip().lstrip("-")
    day = (el.get("day") or "").strip().lstrip("-")
    if not re.fullmatch(r"\d{4}", year):
        return None
    if re.fullmatch(r"\d\d", month):
        return f"{year}-{month}-{day}" if re.fullmatch(r"\d\d", day) else f"{year}-{month}"
    return year


def _language(label: str | None, code: str | None) -> str | None:
    """The label as the CV wrote it; without one, the name of the ISO 639 code ('de' -> 'German')."""
    found = languages.from_code(code) if code and not label else None
    return label or (found.name if found else code)
