#!/usr/bin/env python3
"""Writes DRCD test (Traditional Chinese, ../shared/benchmarks/reader-train/DRCD_test.json.gz) out the way
CMRC 2018 dev is laid out in ../shared/benchmarks/cmrc2018-dev: one article file per title (title, blank
line, its paragraphs) and a questions.jsonl that ../shared/eval/score.py reads, so that `ask --seeds`
answers it by open retrieval over all its articles.

The reader was trained on nine tenths of these articles (models/reader/README.md), so the figures are not
an evaluation of the reader: they compare two builds on Traditional text, answer by answer.

usage: python3 tests/traditional/drcd_open.py OUT_DIR
then:  dotnet run -c Release --project src/CoopBot -- ask --seeds OUT_DIR/articles --index OUT_DIR/index --jsonl < OUT_DIR/questions.jsonl > OUT_DIR/answers.jsonl
       python3 ../shared/eval/score.py OUT_DIR/questions.jsonl OUT_DIR/answers.jsonl
"""
import gzip
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "..", "..", "..", "shared", "benchmarks", "reader-train", "DRCD_test.json.gz")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(os.path.join(out, "articles"), exist_ok=True)
    data = json.load(gzip.open(SOURCE))
    n = 0
    with open(os.path.join(out, "questions.jsonl"), "w", encoding="utf-8") as questions:
        for i, article in enumerate(data["data"]):
            name = f"articles/{i:04d}.txt"
            with open(os.path.join(out, name), "w", encoding="utf-8") as f:
                f.write(article["title"] + "\n\n" + "\n\n".join(p["context"] for p in article["paragraphs"]) + "\n")
            for paragraph in article["paragraphs"]:
                for qa in paragraph["qas"]:
                    questions.write(json.dumps({"id": qa["id"], "question": qa["question"], "answerable": True,
                                                "answers": [a["text"] for a in qa["answers"]], "article": name},
                                               ensure_ascii=False) + "\n")
                    n += 1
    print(f"{len(data['data'])} articles, {n} questions written to {out}")


if __name__ == "__main__":
    main()
