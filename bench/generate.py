"""Deterministic generator of large and scaled resumes for the benchmark (same seed, same bytes, every run).

    python bench/generate.py OUTDIR            # big.resume.json (500 jobs, 3000 publications), scaled files, a
                                               # directory of 1,000 resumes
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

WORDS = (
    "learning", "robust", "efficient", "neural", "sparse", "optimization", "bilevel", "diffusion", "language",
    "model", "unlearning", "adversarial", "training", "transfer", "pruning", "attention", "graph",
    "federated", "private", "causal", "generative", "benchmark", "scalable", "memory", "inference",
    "reasoning", "multimodal", "vision", "retrieval", "alignment",
)
VENUES = [("Conference on Neural Information Processing Systems", "NeurIPS"),
          ("International Conference on Machine Learning", "ICML"),
          ("International Conference on Learning Representations", "ICLR"),
          ("Conference on Computer Vision and Pattern Recognition", "CVPR"),
          ("Transactions on Machine Learning Research", "TMLR")]
FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "John", "Leslie", "Radia", "Yoshua", "Fei"]
LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "McCarthy", "Lamport", "Perlman"]


def title(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)[0]}. {rng.choice(LAST)}"


def publication(rng: random.Random, i: int) -> dict:
    year = 2000 + i % 25
    name, short = VENUES[i % len(VENUES)]
    authors = [{"name": person(rng)} for _ in range(rng.randint(2, 5))]
    authors[rng.randrange(len(authors))] = {"name": "Q. Owner", "self": True}
    pub = {
        "name": f"{title(rng, rng.randint(4, 9))} {i}",
        "releaseDate": f"{year}-{1 + i % 12:02d}",
        "authors": authors,
        "venue": {"name": name, "short": f"{short}'{year % 100:02d}"},
        "type": "journal-article" if short == "TMLR" else "conference-paper",
        "doi": f"10.5555/bench.{i}",
    }
    if i % 7 == 0:
        share = f"{rng.randint(1, 9)}.{rng.randint(0, 9)}%"
        pub["notes"] = [f"Spotlight ({share} of {rng.randint(5000, 20000)} submissions)"]
    if i % 5 == 0:
        pub["arxiv"] = f"{2000 + i % 25 - 2000:02d}{1 + i % 12:02d}.{10000 + i:05d}"
    return pub


def job(rng: random.Random, i: int) -> dict:
    start = 1990 + i % 30
    return {
        "name": f"{rng.choice(LAST)} Labs {i}",
        "position": rng.choice(["Research Scientist", "Engineer", "Intern", "Postdoc"]),
        "location": "Springfield, USA",
        "url": f"https://example.com/org/{i}",
        "startDate": f"{start}-{1 + i % 12:02d}",
        "endDate": f"{start + 1}-{1 + (i + 5) % 12:02d}",
        "summary": title(rng, 20) + ".",
        "highlights": [title(rng, 9) + ";" for _ in range(2)],
        "employmentType": ["full-time"],
    }


def resume(jobs: int, pubs: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    return {
        "basics": {"name": "Quinn Owner", "label": "Researcher", "email": "quinn@example.org",
                   "url": "https://example.org", "summary": title(rng, 40) + ".",
                   "location": {"city": "Springfield", "countryCode": "US"},
                   "profiles": [{"network": "GitHub", "username": "quinn", "url": "https://github.com/quinn"}]},
        "work": [job(rng, i) for i in range(jobs)],
        "education": [{"institution": "Example University", "area": "Computer Science", "studyType": "PhD",
                       "startDate": "1985", "endDate": "1990"}],
        "awards": [{"title": f"Award {i}", "date": str(1990 + i % 30), "awarder": "Example Society"}
                   for i in range(20)],
        "publications": [publication(rng, i) for i in range(pubs)],
        "skills": [{"name": w, "keywords": [w.upper()]} for w in WORDS[:10]],
    }


def write(path: Path, doc: dict) -> int:
    data = json.dumps(doc, ensure_ascii=False) + "\n"
    path.write_text(data, encoding="utf-8")
    return len(data.encode())


def main(outdir: str) -> None:
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    print(f"big.resume.json: {write(out / 'big.resume.json', resume(500, 3000))} bytes")
    for scale in (1, 10):
        size = write(out / f"scaled-x{scale}.resume.json", resume(50 * scale, 300 * scale))
        print(f"scaled-x{scale}.resume.json: {size} bytes")
    many = out / "many"
    many.mkdir(exist_ok=True)
    for i in range(1000):
        write(many / f"cv-{i:04d}.resume.json", resume(3, 8, seed=i))
    print("many/: 1000 resumes")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bench/out")
