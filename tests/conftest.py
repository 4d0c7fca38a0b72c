"""Shared test set-up: GUI tests run offscreen; paths to the seeds and the PAN corpus."""

import os
import pathlib

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def seed_path(number: int) -> pathlib.Path:
    """The seed article whose file name starts with the three-digit ``number``."""
    (path,) = SEEDS.glob(f"{number:03d}_*.txt")
    return path


@pytest.fixture
def seeds():
    return seed_path
