from __future__ import annotations

import datetime as dt

import pytest

from recon.sample import GeneratedSample, generate

MONTH = dt.date(2020, 4, 1)


@pytest.fixture(scope="session")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> GeneratedSample:
    return generate(tmp_path_factory.mktemp("mixed"), month=MONTH, seed=5, scale=0.3, formats="mixed")


@pytest.fixture(scope="session")
def plain_csv(tmp_path_factory: pytest.TempPathFactory) -> GeneratedSample:
    return generate(tmp_path_factory.mktemp("csv"), month=MONTH, seed=5, scale=0.3, formats="csv")
