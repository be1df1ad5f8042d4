"""IRIs (web addresses with non-ASCII characters) as the ASCII URIs that JSON Schema's ``uri`` format and
upstream JSON Resume require: the host in IDNA (punycode), everything else percent-encoded as UTF-8."""

from __future__ import annotations

import re

#: Characters left as they are when encoding: everything RFC 3986 allows in a URI, and ``%`` (already encoded).
_SAFE = "!#$%&'()*+,-./:;=?@[]_~"


def is_ascii(value: str) -> bool:
    return value.isascii()


def iri_to_uri(value: str) -> str:
    """The URI for an IRI: ``https://bücher.de/straße`` -> ``https://xn--bcher-kva.de/stra%C3%9Fe``. An ASCII
    value is returned unchanged; a host IDNA cannot encode keeps its characters percent-encoded."""
    if value.isascii():
        return value
    from urllib.parse import quote, urlsplit, urlunsplit

    parts = urlsplit(value)
    netloc = parts.netloc
    if netloc and not netloc.isascii():
        userinfo, at, hostport = netloc.rpartition("@")
        host, colon, port = hostport.partition(":") if not hostport.startswith("[") else (hostport, "", "")
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            host = quote(host, safe=_SAFE)
        netloc = (quote(userinfo, safe=_SAFE) + at if at else "") + host + colon + port
    return urlunsplit((parts.scheme, netloc, quote(parts.path, safe=_SAFE), quote(parts.query, safe=_SAFE),
                       quote(parts.fragment, safe=_SAFE)))


#: Schemes a writer makes a live link of: the web and mail. Any other (``javascript:`` and ``vbscript:`` run code,
#: ``data:`` carries a page of its own, ``file:`` reaches the reader's disk) is printed as text, never linked.
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
#: Schemes validate reports as errors: links that run code or read files where a reader clicks.
HOSTILE_SCHEMES = frozenset({"javascript", "vbscript", "data", "file", "blob"})
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


def link_scheme(value: str) -> str | None:
    """The scheme a browser would see in ``value`` (lower case; tabs, line breaks and leading controls removed, as
    URL parsers do, so ``" java\\tscript:"`` is ``javascript``), or None for a value without one."""
    text = re.sub(r"[\t\n\r]", "", value).lstrip("".join(map(chr, range(0x21))))
    match = _SCHEME.match(text)
    return match.group(1).lower() if match else None


def live_link(value: object) -> str:
    """``value`` when a writer may make a live link of it (an http, https or mailto URL), else ""."""
    return value if isinstance(value, str) and link_scheme(value) in LINK_SCHEMES else ""
