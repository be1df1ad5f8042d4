"""LinkedIn's section headings in its UI languages: the second signal after the layout, for both PDF layouts."""

from __future__ import annotations

import unicodedata

SIDEBAR_KINDS = ("contact", "skills", "languages", "certificates", "awards", "publications", "patents")
MAIN_KINDS = ("summary", "work", "education")

#: Heading words in LinkedIn's UI languages (lower case, accents kept): the second signal after the layout.
HEADINGS: dict[str, tuple[str, ...]] = {
    "contact": ("contact", "contactar", "contacto", "contato", "kontakt", "coordonnées", "contatti",
                "dane kontaktowe", "iletişim", "contactgegevens", "kontaktuppgifter", "kontaktinformationen",
                "контакты", "контактная информация", "연락처", "連絡先", "联系方式", "kontak", "yhteystiedot",
                "elérhetőség", "επικοινωνία", "contactați", "kontaktní údaje", "ติดต่อ", "اتصال"),
    "skills": ("top skills", "aptitudes principales", "principais competências", "główne umiejętności",
               "najważniejsze umiejętności", "top-kenntnisse", "wichtigste kenntnisse", "principales compétences",
               "compétences principales", "competenze principali", "en önemli yetenekler", "en iyi yetenekler",
               "belangrijkste vaardigheden", "topkompetenser", "mest anvendte kompetencer", "toppferdigheter",
               "основные навыки", "주요 기술", "主なスキル", "最擅长的技能", "keahlian teratas", "kemahiran teratas",
               "parhaat taidot", "legfőbb készségek", "competențe de top", "hlavní dovednosti", "skills"),
    "languages": ("languages", "idiomas", "języki", "sprachen", "langues", "lingue", "diller", "talen", "språk",
                  "sprog", "языки", "언어", "言語", "语言", "bahasa", "kielet", "nyelvek", "limbi", "jazyky"),
    "certificates": ("certifications", "certificaciones", "certificações", "certyfikaty", "zertifikate",
                     "zertifizierungen", "certificazioni", "sertifikalar", "certificeringen", "certifieringar",
                     "certificeringer", "sertifiseringer", "сертификаты", "자격증", "認定資格", "认证", "sertifikasi",
                     "pensijilan", "sertifikaatit", "tanúsítványok", "certificări", "certifikace"),
    "awards": ("honors-awards", "honors & awards", "honors and awards", "honores y premios",
               "reconocimientos y premios", "premios", "honras e prêmios", "prêmios", "nagrody i wyróżnienia",
               "nagrody", "auszeichnungen", "distinctions", "prix et distinctions", "riconoscimenti e premi",
               "onorificenze e premi", "onur ve ödüller", "ödüller", "prijzen", "utmärkelser", "udmærkelser",
               "utmerkelser", "награды", "수상 경력", "受賞歴", "荣誉奖项", "penghargaan", "anugerah",
               "kunnianosoitukset", "díjak", "premii", "ocenění"),
    "publications": ("publications", "publicaciones", "publicações", "publikacje", "veröffentlichungen",
                     "publikationen", "pubblicazioni", "yayınlar", "publicaties", "publikationer", "publikasjoner",
                     "публикации", "출판물", "出版物", "publikasi", "penerbitan", "julkaisut", "publikációk",
                     "publicații", "publikace"),
    "patents": ("patents", "patentes", "patenty", "patente", "brevets", "brevetti", "patentler", "octrooien",
                "patent", "патенты", "특허", "特許", "专利", "paten", "patentit", "szabadalmak", "brevete"),
    "summary": ("summary", "extracto", "resumen", "acerca de", "resumo", "sobre", "podsumowanie", "zusammenfassung",
                "résumé", "infos", "riepilogo", "informazioni", "özet", "hakkında", "samenvatting", "info",
                "sammanfattning", "resumé", "sammendrag", "сводка", "요약", "概要", "简介", "ringkasan", "tiivistelmä",
                "összefoglaló", "rezumat", "shrnutí", "about"),
    "work": ("experience", "experiencia", "experiência", "doświadczenie", "berufserfahrung", "erfahrung",
             "expérience", "esperienza", "deneyim", "ervaring", "erfarenhet", "erfaring", "опыт работы", "опыт",
             "경력", "職歴", "经历", "工作经历", "pengalaman", "kokemus", "tapasztalat", "experiență", "zkušenosti"),
    "education": ("education", "educación", "formación", "formação acadêmica", "educação", "wykształcenie",
                  "ausbildung", "formation", "formazione", "istruzione", "eğitim", "opleiding", "utbildning",
                  "uddannelse", "utdanning", "образование", "학력", "学歴", "教育经历", "pendidikan", "koulutus",
                  "tanulmányok", "educație", "vzdělání"),
}
#: 2014-2017 section headings that map onto one of ours (English only: those PDFs were made in English).
CLASSIC_HEADINGS = {
    "summary": "summary", "experience": "work", "education": "education", "languages": "languages",
    "skills & expertise": "skills", "certifications": "certificates", "honors and awards": "awards",
    "publications": "publications", "volunteer experience": "volunteer", "projects": "projects",
    "interests": "interests", "patents": "patents", "courses": "courses", "organizations": "organizations",
    "test scores": "test scores", "specialties": "specialties",
}


def norm(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.lower().split()))


def heading_kind(text: str, kinds: tuple[str, ...]) -> str | None:
    word = norm(text).rstrip(":")
    return next((k for k in kinds if word in HEADINGS[k]), None)
