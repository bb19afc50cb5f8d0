"""Agency identity across years: city prefixes added or dropped, 人民政府/政府, a government's office."""

from __future__ import annotations

import pytest

from checker.repository.identity import agency_key, same_agency


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("盐湖区交通运输局", "运城市盐湖区交通运输局"),  # the city prefix added
        ("山西省运城市交通运输局", "运城市交通运输局"),  # the province dropped
        ("运城市人民政府办公室", "运城市人民政府"),  # the office publishes its government's report
        ("淮安市", "淮安市人民政府"),  # a place alone in a title is its government
        ("淮安市政府", "淮安市人民政府"),
        ("某某镇人民政府", "某某县某某镇人民政府"),
        ("东华门街道", "北京市东城区东华门街道办事处"),
    ],
)
def test_same_agency(a: str, b: str) -> None:
    assert same_agency(agency_key(a), agency_key(b))
    assert same_agency(agency_key(b), agency_key(a))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("运城市交通运输局", "交通运输局"),  # the shared part names no place: any city's bureau
        ("运城市交通运输局", "太原市交通运输局"),
        ("运城市人民政府", "太原市人民政府"),
        ("运城市交通运输局", "运城市人民政府"),  # a department is not its government
        ("运城市市场监督管理局", "运城市交通运输局"),  # 市场… is a body, not a place
        ("盐湖区交通运输局", "永济市交通运输局"),
    ],
)
def test_different_agencies(a: str, b: str) -> None:
    assert not same_agency(agency_key(a), agency_key(b))


def test_keys() -> None:
    assert agency_key("运城市市场监督管理局") == "运城市/市场监督管理局"
    assert agency_key("内蒙古自治区人民政府") == "内蒙古自治区/政府"
    assert agency_key("运城市盐湖区人民政府办公室") == "运城市/盐湖区/政府"
