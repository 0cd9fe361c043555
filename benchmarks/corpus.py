"""A benchmark corpus of realistic French news articles, generated from text written for
chronique: article templates (dateline, lead, development, quotes, background) filled from a
small lexicon of countries, capitals, demonyms, offices and topics. Deterministic per seed;
nothing is downloaded.

    python benchmarks/corpus.py -n 500 -o corpus.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path

# name with article, bare name, capital, demonym (masc. sg.), demonym (fem. sg.)
COUNTRIES = [
    ("le Mali", "Mali", "Bamako", "malien", "malienne"),
    ("le Niger", "Niger", "Niamey", "nigérien", "nigérienne"),
    ("le Sénégal", "Sénégal", "Dakar", "sénégalais", "sénégalaise"),
    ("la Côte d'Ivoire", "Côte d'Ivoire", "Abidjan", "ivoirien", "ivoirienne"),
    ("le Burkina Faso", "Burkina Faso", "Ouagadougou", "burkinabè", "burkinabè"),
    ("le Tchad", "Tchad", "N'Djamena", "tchadien", "tchadienne"),
    ("le Cameroun", "Cameroun", "Yaoundé", "camerounais", "camerounaise"),
    ("le Gabon", "Gabon", "Libreville", "gabonais", "gabonaise"),
    ("l'Algérie", "Algérie", "Alger", "algérien", "algérienne"),
    ("le Maroc", "Maroc", "Rabat", "marocain", "marocaine"),
    ("la Tunisie", "Tunisie", "Tunis", "tunisien", "tunisienne"),
    ("l'Égypte", "Égypte", "Le Caire", "égyptien", "égyptienne"),
    ("la France", "France", "Paris", "français", "française"),
    ("l'Allemagne", "Allemagne", "Berlin", "allemand", "allemande"),
    ("l'Italie", "Italie", "Rome", "italien", "italienne"),
    ("l'Espagne", "Espagne", "Madrid", "espagnol", "espagnole"),
    ("la Belgique", "Belgique", "Bruxelles", "belge", "belge"),
    ("la Russie", "Russie", "Moscou", "russe", "russe"),
    ("l'Ukraine", "Ukraine", "Kiev", "ukrainien", "ukrainienne"),
    ("la Turquie", "Turquie", "Ankara", "turc", "turque"),
    ("la Chine", "Chine", "Pékin", "chinois", "chinoise"),
    ("le Japon", "Japon", "Tokyo", "japonais", "japonaise"),
    ("l'Inde", "Inde", "New Delhi", "indien", "indienne"),
    ("le Kazakhstan", "Kazakhstan", "Astana", "kazakh", "kazakhe"),
    ("l'Iran", "Iran", "Téhéran", "iranien", "iranienne"),
    ("le Liban", "Liban", "Beyrouth", "libanais", "libanaise"),
    ("le Brésil", "Brésil", "Brasilia", "brésilien", "brésilienne"),
    ("le Canada", "Canada", "Ottawa", "canadien", "canadienne"),
    ("le Mexique", "Mexique", "Mexico", "mexicain", "mexicaine"),
    ("Madagascar", "Madagascar", "Antananarivo", "malgache", "malgache"),
]
OFFICES = [("le président", "président"), ("le Premier ministre", "Premier ministre"),
           ("le ministre des Affaires étrangères", "ministre des Affaires étrangères"),
           ("la ministre de la Défense", "ministre de la Défense"),
           ("le ministre de l'Économie", "ministre de l'Économie")]
TOPICS = ["la sécurité régionale", "le commerce bilatéral", "la transition énergétique",
          "la lutte contre le terrorisme", "les migrations", "la dette publique",
          "l'approvisionnement en céréales", "la coopération universitaire",
          "les infrastructures portuaires", "la gestion de l'eau"]
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre"]

LEADS = [
    "{A} et {B} ont signé {day} à {capA} un accord sur {topic}.",
    "{offA_cap} {demA} a reçu {day} à {capA} son homologue {demB} pour discuter de {topic}.",
    "{A} a accusé {day} {B} de soutenir des groupes armés à sa frontière.",
    "{A} a annoncé {day} l'envoi d'une aide humanitaire à {B}, frappé par des inondations.",
    "Des milliers de manifestants ont défilé {day} à {capA} contre le gouvernement.",
    "{A} a imposé {day} de nouvelles sanctions à {B} après l'arrestation de deux de ses ressortissants.",
    "{A} a appelé {day} {B} à libérer les opposants détenus depuis les élections.",
    "L'armée {demfA} a attaqué {day} des positions rebelles près de la frontière avec {B}.",
    "{A} a menacé {day} de rompre ses relations diplomatiques avec {B}.",
    "{A} a expulsé {day} l'ambassadeur {demB}, accusé d'ingérence.",
    "{offA_cap} {demA} s'est entretenu {day} par téléphone avec son homologue {demB}.",
    "{A} a rejeté {day} la proposition de médiation présentée par {B}.",
]
FOLLOW = [
    "Selon un communiqué publié dans la soirée, les deux parties se sont engagées à poursuivre le dialogue.",
    "Le texte prévoit la création d'une commission mixte chargée de suivre sa mise en œuvre.",
    "« Nous voulons des résultats concrets avant la fin de l'année », a déclaré un conseiller de la présidence.",
    "Les discussions ont également porté sur {topic2}, un dossier jugé prioritaire par {B}.",
    "{B} a dénoncé une décision « unilatérale » et promis une réponse proportionnée.",
    "Plusieurs organisations de la société civile ont salué cette initiative.",
    "L'opposition a critiqué le manque de transparence des négociations.",
    "Des observateurs estiment que ce geste pourrait apaiser les tensions de ces derniers mois.",
    "Le porte-parole du gouvernement {demA} a indiqué que d'autres mesures étaient à l'étude.",
    "La réunion s'est tenue à huis clos, en présence de plusieurs ministres.",
    "Les deux pays entretiennent des relations étroites depuis leur indépendance.",
    "La police a encadré le cortège, qui s'est dispersé en fin d'après-midi sans incident.",
]
BACKGROUND = [
    "Les échanges commerciaux entre les deux pays ont progressé de {pct} % l'an dernier, selon les douanes.",
    "La région traverse depuis plusieurs années une crise sécuritaire qui a fait des milliers de déplacés.",
    "Le gouvernement doit présenter son budget au Parlement dans les prochaines semaines.",
    "Les prix de l'énergie ont fortement augmenté depuis le début de l'année, pesant sur les ménages.",
    "Une précédente rencontre, en {month}, n'avait débouché sur aucun accord.",
    "Les analystes s'attendent à de nouvelles discussions lors du sommet régional prévu à l'automne.",
    "{capB} accueille chaque année plusieurs milliers d'étudiants venus de {A}.",
    "La saison des pluies complique l'acheminement de l'aide vers les zones les plus reculées.",
    "Les diplomates rappellent que les deux capitales ont rétabli leurs relations il y a {years} ans.",
    "Le taux de chômage des jeunes dépasse {pct} % dans les grandes villes, selon l'institut de statistique.",
]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def article(i: int, rng: random.Random, start: date) -> dict:
    a, b = rng.sample(COUNTRIES, 2)
    published = start + timedelta(days=rng.randrange(0, 540))
    event_day = published - timedelta(days=rng.choice([0, 1, 1, 2]))
    day = WEEKDAYS[event_day.weekday()]
    office = rng.choice(OFFICES)
    fields = {"A": _cap(a[0]), "B": b[0], "capA": a[2], "capB": b[2], "demA": a[3],
              "demfA": a[4], "demB": b[3], "offA_cap": _cap(office[0]), "day": day,
              "topic": rng.choice(TOPICS), "topic2": rng.choice(TOPICS),
              "pct": rng.randrange(3, 40), "month": rng.choice(MONTHS),
              "years": rng.randrange(2, 30)}
    fields_b = dict(fields, A=_cap(b[0]), B=a[0], capA=b[2], capB=a[2], demA=b[3], demfA=b[4],
                    demB=a[3])
    dateline = (f"{a[2].upper()}, {published.day} {MONTHS[published.month - 1]} "
                f"{published.year} —")
    paragraphs = [f"{dateline} {rng.choice(LEADS).format(**fields)}"]
    body = rng.sample(FOLLOW, rng.randrange(5, 10)) + rng.sample(BACKGROUND, rng.randrange(3, 7))
    rng.shuffle(body)
    sentences = [_cap(s.format(**fields)) for s in body]
    if rng.random() < 0.6:
        sentences.insert(rng.randrange(1, len(sentences)), rng.choice(LEADS).format(**fields_b))
    while sentences:
        take = rng.randrange(1, 4)
        paragraphs.append(" ".join(sentences[:take]))
        sentences = sentences[take:]
    return {"id": f"bench-{i:05d}", "published": published.isoformat(), "lang": "fr",
            "url": f"https://www.presse-exemple.fr/{published:%Y/%m/%d}/article-{i}",
            "title": f"{a[1]} et {b[1]} : {fields['topic']}", "text": "\n".join(paragraphs)}


def generate(n: int, seed: int = 2024) -> list[dict]:
    rng = random.Random(seed)
    return [article(i, rng, date(2023, 1, 1)) for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()
    with open(Path(args.output), "w", encoding="utf-8") as stream:
        for record in generate(args.n, args.seed):
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
