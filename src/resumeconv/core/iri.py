"""IRIs (web addresses with non-ASCII characters) as the ASCII URIs that JSON Schema's ``uri`` format and
upstream JSON Resume require: the host in IDNA (punycode), everything else percent-encoded as UTF-8."""

from __future__ import annotations

from urllib.parse import quote, urlsplit, urlunsplit

#: Characters left as they are when encoding: everything RFC 3986 allows in a URI, and ``%`` (already encoded).
_SAFE = "!#$%&'()*+,-./:;=?@[]_~"


def is_ascii(value: str) -> bool:
    return value.isascii()


def iri_to_uri(value: str) -> str:
    """The URI for an IRI: ``https://bücher.de/straße`` -> ``https://xn--bcher-kva.de/stra%C3%9Fe``. An ASCII
    value is returned unchanged; a host IDNA cannot encode keeps its characters percent-encoded."""
    if value.isascii():
        return value
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
