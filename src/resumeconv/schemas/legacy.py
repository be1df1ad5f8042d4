"""Legacy field names: what pre-1.0 JSON Resume called the fields our schema has (schema knowledge, used by
validation's wording and lint rules and by migrate)."""

from __future__ import annotations

#: Pre-1.0 JSON Resume names -> 1.0 names, as (parent path, old key, new key); "*" is any array index.
#: Sources: the 0.0.x schema and resume.json, the v1.0.0 rename (website->url, picture->image, company->name,
#: gpa->score) and the pre-0.0.0 change log (bio->basics, hobbies->interests, state->region, awardDate->date).
LEGACY_NAMES: tuple[tuple[tuple[str, ...], str, str], ...] = (
    ((), "bio", "basics"),
    ((), "hobbies", "interests"),
    (("basics",), "website", "url"),
    (("basics",), "picture", "image"),
    (("basics", "location"), "state", "region"),
    (("work", "*"), "company", "name"),
    (("work", "*"), "website", "url"),
    (("volunteer", "*"), "website", "url"),
    (("education", "*"), "gpa", "score"),
    (("awards", "*"), "awardDate", "date"),
    (("publications", "*"), "website", "url"),
    (("projects", "*"), "website", "url"),
)
