"""Claims of a folder of press releases with Spark: read, extract, write Parquet.

    python python/examples/spark_claims.py --out target/claims.parquet fixtures/press

Reads every file of the given folders (or files, or globs such as
'corpus/*.txt') as one document (``spark.read.text(..., wholetext=True)``),
extracts its claims on the executors with ``zhclaims.spark.extract_claims``,
writes one row per claim to Parquet (the document's path in ``path``), and
prints the number of claims per unit kind. Runs unchanged on a laptop
(``--master local[2]``, the default) and on a cluster (``--master yarn`` or
through ``spark-submit``, with the zhclaims wheel on the executors: see
python/README.md, "On a cluster").
"""

from __future__ import annotations

import argparse
import os
import sys
import time


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="folders, files or globs of UTF-8 texts")
    parser.add_argument("--out", required=True, help="Parquet output folder (replaced)")
    parser.add_argument("--master", default=None, help="Spark master (default: local[2], or spark-submit's)")
    parser.add_argument("--partitions", type=int, default=None, help="repartition the documents")
    args = parser.parse_args(argv)

    # Local runs: the executors' Python is this Python (with zhclaims installed).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    from zhclaims.spark import extract_claims

    builder = SparkSession.builder.appName("zhclaims-spark-claims")
    if args.master:
        builder = builder.master(args.master)
    elif "PYSPARK_GATEWAY_PORT" not in os.environ:  # not under spark-submit
        builder = builder.master("local[2]")
    spark = (
        builder.config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")

    texts = spark.read.text(args.paths, wholetext=True).select(
        F.col("_metadata.file_path").alias("path"), F.col("value").alias("text")
    )
    if args.partitions:
        texts = texts.repartition(args.partitions)
    docs = texts.count()
    size = texts.select(F.sum(F.octet_length("text"))).first()[0] or 0

    start = time.perf_counter()
    claims = extract_claims(texts, text_col="text", id_col="path")
    claims.write.mode("overwrite").parquet(args.out)
    seconds = time.perf_counter() - start

    written = spark.read.parquet(args.out)
    total = written.count()
    print(f"{docs} documents, {size / 1e6:.3f} MB, {total} claims -> {args.out}")
    print(f"extract + write: {seconds:.2f} s, {size / 1e6 / seconds:.3f} MB/s, {total / seconds:.0f} claims/s")
    print("claims per unit kind:")
    for row in written.groupBy("unit_kind").count().orderBy(F.desc("count"), "unit_kind").collect():
        print(f"  {row['unit_kind']:<12} {row['count']:>7}")
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
