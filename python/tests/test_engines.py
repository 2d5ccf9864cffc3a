"""chaff on the engines data teams scale out on, each run for real in local mode:
Spark (through the CLI with rdd.pipe, and through the package in mapPartitions),
datatrove (the ChaffCleaner step) and Ray Data (map_batches). Each checks its output
against the CLI's. Under CI (CI=true) a missing engine fails instead of skipping."""

import importlib
import json
import os
import sys

import pytest

import chaff


def need(module: str):
    if os.environ.get("CI") == "true":
        return importlib.import_module(module)
    return pytest.importorskip(module)


@pytest.fixture(scope="module")
def spark():
    need("pyspark")
    from pyspark.sql import SparkSession

    # Workers run this interpreter, so they import the same chaff.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("chaff-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_spark_rdd_pipe_through_the_cli(spark, chaff_bin, docs, cli_cleaned):
    df = spark.createDataFrame(docs).repartition(3)
    # checkCode=True: a failing chaff fails the job instead of leaving partial output.
    out = df.toJSON().pipe(f"{chaff_bin} --jsonl -q", checkCode=True).map(json.loads).collect()
    assert sorted(r["id"] for r in out) == sorted(d["id"] for d in docs)
    for r in out:
        assert r["text"] == cli_cleaned[r["id"]], r["id"]


def test_spark_rdd_pipe_fails_loudly_on_a_bad_record(spark, chaff_bin):
    rdd = spark.sparkContext.parallelize(['{"text": "fine"}', "not json"], 1)
    with pytest.raises(Exception, match="exited with error code 1"):
        rdd.pipe(f"{chaff_bin} --jsonl -q", checkCode=True).collect()


def test_spark_map_partitions_with_the_package(spark, docs, cli_cleaned):
    def clean_partition(rows):
        rows = list(rows)
        cleaner = chaff.Cleaner()  # once a partition: compiling rules costs more than a page
        texts = cleaner.clean_batch([r["text"] for r in rows], threads=1, urls=[r["url"] for r in rows])
        for r, text in zip(rows, texts):
            yield (r["id"], text)

    df = spark.createDataFrame(docs).repartition(3)
    out = dict(df.rdd.mapPartitions(clean_partition).collect())
    assert out == cli_cleaned


def test_datatrove_pipeline_jsonl_to_jsonl(tmp_path, docs, cli_cleaned):
    need("datatrove")
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from chaff.datatrove import ChaffCleaner

    src = tmp_path / "in"
    src.mkdir()
    with (src / "docs.jsonl").open("w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    step = ChaffCleaner()
    for name, step, folder in [("clean", step, "out"), ("annotate", ChaffCleaner(annotate=True), "notes")]:
        LocalPipelineExecutor(
            pipeline=[JsonlReader(str(src)), step, JsonlWriter(str(tmp_path / folder), compression=None)],
            tasks=1,
            logging_dir=str(tmp_path / f"logs-{name}"),
        ).run()
    out = [json.loads(l) for p in sorted((tmp_path / "out").glob("*.jsonl")) for l in p.open()]
    assert {r["id"]: r["text"] for r in out} == cli_cleaned
    # Annotated: the text is kept, and its edits applied give the cleaned text.
    notes = [json.loads(l) for p in sorted((tmp_path / "notes").glob("*.jsonl")) for l in p.open()]
    for r in notes:
        text, pos, parts = r["text"], 0, []
        for e in r["metadata"]["chaff"]:
            parts += [text[pos : e["start"]], e["replacement"]]
            pos = e["end"]
        assert "".join(parts) + text[pos:] == cli_cleaned[r["id"]]
    # Per-rule counts reach datatrove's stats.
    stats = json.loads((tmp_path / "logs-clean" / "stats.json").read_text())
    ours = next(s for s in stats if "chaff" in s["name"])["stats"]
    assert ours["documents"] == len(docs)
    assert any(k.startswith("rule/") for k in ours)


def test_ray_data_map_batches(docs, cli_cleaned, tmp_path):
    ray = need("ray")
    path = tmp_path / "docs.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")

    class Clean:
        def __init__(self):
            self.cleaner = chaff.Cleaner()  # once an actor

        def __call__(self, batch):
            batch["text"] = self.cleaner.clean_batch(list(batch["text"]), threads=1, urls=list(batch["url"]))
            return batch

    # One actor: with two, the actors and the read task wait on each other for 2 CPUs.
    ray.init(num_cpus=2, include_dashboard=False, ignore_reinit_error=True, log_to_driver=False)
    try:
        ds = ray.data.read_json(str(path)).map_batches(Clean, batch_format="pandas", batch_size=8, concurrency=1)
        out = ds.take_all()
    finally:
        ray.shutdown()
    # ids like "007" must come back as the same strings, not numbers.
    assert sorted(r["id"] for r in out) == sorted(d["id"] for d in docs)
    assert {r["id"]: r["text"] for r in out} == cli_cleaned
