"""Fixtures for storage tests: an in-memory database, a file database, the seed documents."""

import pytest

from reader.core.documents import load_document
from reader.storage.database import open_database


@pytest.fixture
def memory_db():
    db = open_database(":memory:")
    yield db
    db.close()


@pytest.fixture
def file_db(tmp_path):
    db = open_database(tmp_path / "reader.db")
    yield db
    db.close()


@pytest.fixture(params=["memory", "file"])
def db(request, tmp_path):
    """Every test using ``db`` runs on an in-memory and on a file database."""
    database = open_database(":memory:" if request.param == "memory" else tmp_path / "reader.db")
    yield database
    database.close()


@pytest.fixture
def seed_doc(seeds):
    return lambda n: load_document(seeds(n))
