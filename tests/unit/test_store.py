import concurrent.futures
import hashlib
import multiprocessing
import threading

import pytest

from review_app.documents.store import BlobStore, Problem

DRAFT = "第三条 申请人应当在五日内提交材料".encode()
DRAFT_SHA = hashlib.sha256(DRAFT).hexdigest()


@pytest.fixture
def store(tmp_path):
    return BlobStore(tmp_path / "files")


def test_put_returns_the_sha256_and_reads_back(store):
    sha = store.put(DRAFT)
    assert sha == DRAFT_SHA
    assert store.read(sha) == DRAFT
    with store.open(sha) as f:
        assert f.read() == DRAFT


def test_files_fan_out_by_hash_prefix(store, tmp_path):
    sha = store.put(DRAFT)
    assert store.path(sha) == tmp_path / "files" / sha[:2] / sha[2:4] / sha
    assert store.path(sha).is_file()


def test_put_is_idempotent(store):
    assert store.put(DRAFT) == store.put(DRAFT)
    assert [p.name for p in store.root.rglob("*") if p.is_file()] == [DRAFT_SHA]


def test_empty_content_can_be_stored(store):
    assert store.read(store.put(b"")) == b""


def test_reading_an_unknown_hash_raises_file_not_found(store):
    with pytest.raises(FileNotFoundError):
        store.read("0" * 64)


@pytest.mark.parametrize(
    "bad",
    [
        "../../etc/passwd",
        DRAFT_SHA.upper(),
        DRAFT_SHA[:-1],
        DRAFT_SHA + "0",
        DRAFT_SHA + "\n",
        "g" * 64,
        "/" + DRAFT_SHA[1:],
        "",
        None,
    ],
)
def test_anything_but_a_lowercase_sha256_never_becomes_a_path(store, bad):
    for method in (store.path, store.open, store.read):
        with pytest.raises(ValueError):
            method(bad)


def test_verify_of_an_intact_store_is_clean(store):
    store.put(DRAFT)
    store.put(b"other")
    assert store.verify() == []


def test_verify_of_an_empty_or_absent_store_is_clean(store):
    assert store.verify() == []


def test_verify_reports_tampered_content(store):
    sha = store.put(DRAFT)
    intact = store.put(b"other")
    store.path(sha).write_bytes(DRAFT.replace("五日".encode(), "十日".encode()))
    assert store.verify() == [Problem("corrupt", sha, store.path(sha))]
    assert intact not in [p.sha for p in store.verify()]


def test_verify_reports_files_that_are_not_ours(store):
    store.put(DRAFT)
    misplaced = store.root / "00" / "00" / DRAFT_SHA
    misplaced.parent.mkdir(parents=True)
    misplaced.write_bytes(DRAFT)
    odd = store.path(DRAFT_SHA).parent / "notes.txt"
    odd.write_text("x")
    assert sorted(store.verify(), key=lambda p: p.path) == sorted(
        [Problem("stray", DRAFT_SHA, misplaced), Problem("stray", "notes.txt", odd)], key=lambda p: p.path
    )


def test_verify_skips_writes_in_progress(store):
    sha = store.put(DRAFT)
    (store.path(sha).parent / ".tmp-abc123").write_bytes(b"half a fi")
    assert store.verify() == []


def test_verify_known_reports_missing_files(store):
    kept = store.put(DRAFT)
    lost = store.put(b"lost")
    store.path(lost).unlink()
    assert store.verify_known([kept, lost]) == [Problem("missing", lost, store.path(lost))]


def test_verify_known_refuses_malformed_hashes(store):
    with pytest.raises(ValueError):
        store.verify_known(["../x"])


def test_concurrent_puts_of_the_same_and_different_content(store):
    payloads = [f"意见书第{i % 5}稿".encode() * 20_000 for i in range(40)]
    start = threading.Barrier(len(payloads))
    results = {}

    def put(i):
        start.wait()
        results[i] = store.put(payloads[i])

    threads = [threading.Thread(target=put, args=(i,)) for i in range(len(payloads))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert results == {i: hashlib.sha256(p).hexdigest() for i, p in enumerate(payloads)}
    assert all(store.read(results[i]) == p for i, p in enumerate(payloads))
    files = [p for p in store.root.rglob("*") if p.is_file()]
    assert len(files) == 5  # no duplicates and no temp files left behind
    assert store.verify() == []


def _put_in_process(root, data):
    return BlobStore(root).put(data)


def test_concurrent_puts_from_several_processes(store):
    data = "合法性审核意见书".encode() * 100_000
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(max_workers=4, mp_context=context) as pool:
        shas = list(pool.map(_put_in_process, [store.root] * 8, [data] * 8))
    assert set(shas) == {hashlib.sha256(data).hexdigest()}
    assert store.read(shas[0]) == data
    assert [p.name for p in store.root.rglob("*") if p.is_file()] == [shas[0]]
