"""Dirty ledgers built in code, as villages typed them (all people are invented).

Each builder writes a workbook and returns what each data row should end as, keyed by
the row number Excel shows, so a test can assert every row's outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from tests.factories import make_id

WIDE = str.maketrans("0123456789", "０１２３４５６７８９")


@dataclass(frozen=True)
class Expect:
    outcome: str
    birth: date | None = None
    cell: str | None = None  # the cell a rejection or warning names
    note: str | None = None  # a piece of the message


def roster(path: Path) -> dict[int, Expect]:
    """A 花名册: a merged title row, one header row with everyday names for the columns,
    every value form, duplicates, bad ID numbers, blank rows, a footer; and a second sheet."""
    book = Workbook()
    ws = book.active
    ws.title = "花名册"
    ws.append(["某某村留守儿童花名册（2024年）"])
    ws.merge_cells("A1:M1")
    ws.append(["序号", "儿童姓名", "性别", "身份证号", "出生日期", "现住址", "监护人",
               "与儿童关系", "联系电话", "父亲务工地点", "儿童类别", "是否寄宿", "备注"])  # fmt: skip
    b = {n: date(2015, 1, n) for n in range(1, 29)}
    ids = {n: make_id(b[n], male=n % 2 == 1) for n in b}
    bad = ids[9][:17] + ("0" if ids[9][17] != "0" else "1")
    rows: list[list[Any]] = [
        [1, "王  芳", "男", ids[1], "2015.1.1", "柳溪村1组", "奶奶", "", "13800000001", "广东省深圳市", "留守儿童", "√", ""],
        [2, "李<小>&明", "女", ids[2], "2015-01-02", "柳溪村2组", "李大山", "爷爷", "13800000002，13900000002", "浙江宁波", "留守", "否", "家有<&>记号"],
        [3, "赵三", "", ids[3].translate(WIDE), "2015年1月3日", "", "赵外婆", "外婆", "0551-1234567", "", "孤儿、重残", "有", ""],
        [4, "钱四", "女", ids[4], datetime(2015, 1, 4), "", "", "", "", "", "留守儿童", "无", ""],
        [5, "孙五", "", ids[5], 42009, "", "", "", "138 0000 0005", "", "留守儿童", "✓", ""],
        [6, "周六", "", ids[6], "20150106", "", "", "", "", "", "留守儿童", "是", ""],
        [None, None, None, None, None, None, None, None, None, None, None, None, None],
        [7, "吴七", "", float(ids[7][:17] + "0"), "", "", "", "", "", "", "留守儿童", "", ""],
        [8, "郑八", "", ids[8], "2015.1", "", "", "", "1380000", "", "外星儿童", "", ""],
        [9, "冯九", "", bad, "", "", "", "", "", "", "留守儿童", "", ""],
        [10, "王芳", "男", ids[1], "", "", "", "", "", "", "留守儿童", "", "重复一行"],
        [11, "陈十一", "", ids[2], "", "", "", "", "", "", "", "", ""],
        [12, "", "", "", "", "柳溪村3组", "", "", "13800000012", "", "", "", ""],
        [13, "<script>x</script>", "", ids[13], "", "", "", "", "", "", "", "", ""],
        [14, "褚十四", "", "", "2016/3/14", "", "", "", "", "", "留守儿童", "", "没有证件"],
        [15, "卫十五", "男", ids[15], "2030-01-01", "", "", "", "", "", "留守儿童", "", ""],
        [None] * 13,
        ["填表人：王主任", None, None, None, "审核人：李站长"],
    ]  # fmt: skip
    for row in rows:
        ws.append(row)
    notes = book.create_sheet("填表说明")
    notes.append(["本表由村委会填写，每季度更新。"])
    book.save(path)
    return {
        3: Expect("imported", b[1]),
        4: Expect("imported", b[2]),
        5: Expect("imported", b[3]),
        6: Expect("imported", b[4]),
        7: Expect("imported", b[5]),
        8: Expect("imported", b[6]),
        10: Expect("rejected", cell="D10", note="前15位"),
        11: Expect("imported", b[8], "E11", "只有年月"),
        12: Expect("rejected", cell="D12", note="校验位"),
        13: Expect("merged", b[1], None, "与第3行为同一儿童"),
        14: Expect("rejected", cell="D14", note="李<小>&明"),
        15: Expect("rejected", cell="B15", note="没有儿童姓名"),
        16: Expect("rejected", cell="B16", note="网页标记"),
        17: Expect("imported", date(2016, 3, 14)),
        18: Expect("imported", b[15], "E18", "晚于今天"),
        20: Expect("skipped"),
    }


def register(path: Path) -> dict[int, Expect]:
    """The 2016 登记表 layout: title, 填报单位 line, a header merged over three rows with
    group labels (家庭情况 > 父亲 > 姓名) and √ columns, a row of column numbers."""
    book = Workbook()
    ws = book.active
    ws.title = "登记表"
    head = [
        ["农村留守儿童基本情况登记表"],
        ["填报单位（盖章）：柳溪村委会", None, None, None, None, None, None, None, "填报日期：2016年7月31日"],
        ["序号", "留守儿童个人基本情况", None, None, None, None, None, None, "家庭情况", None, None, None, None, None, "实际监护情况", None, None, None, None],
        [None, "姓名", "性别", "出生日期", "公民身份证号码", "身体情况", None, None, "父亲", None, None, "母亲", None, "祖母姓名", "父母双方同时外出", "委托监护人姓名", "受委托监护人电话", "公民身份证号码", "与被监护人关系"],
        [None, None, None, None, None, "健康", "残疾", "患病", "姓名", "当前务工地点", "联系电话", "姓名", "联系电话", None, None, None, None, None, None],
        list(range(1, 20)),
    ]  # fmt: skip
    for row in head:
        ws.append(row)
    for cells in ("A1:S1", "A3:A5", "B3:H3", "I3:N3", "O3:S3", "B4:B5", "C4:C5", "D4:D5", "E4:E5",
                  "F4:H4", "I4:K4", "L4:M4", "N4:N5", "O4:O5", "P4:P5", "Q4:Q5", "R4:R5", "S4:S5"):  # fmt: skip
        ws.merge_cells(cells)
    b1, b2 = date(2010, 5, 1), date(2012, 8, 9)
    grandma = make_id(date(1958, 3, 3), male=False)
    rows = [
        [1, "刘一", "男", "2010.5.1", make_id(b1), "√", "", "", "刘大", "广东省东莞市", "13800001111", "何二", "13900002222", "—", "是", "刘奶奶", "13700003333", grandma, "奶奶"],
        [2, "刘二", "女", "2012年8月9日", make_id(b2, male=False), "", "", "√", "刘大", "广东东莞", "13800001111", "", "", "张桂花", "是", "张桂花", "13700003333", "", "祖孙"],
    ]  # fmt: skip
    for row in rows:
        ws.append(row)
    book.save(path)
    return {7: Expect("imported", b1), 8: Expect("imported", b2)}


def second_sheet(path: Path) -> dict[int, Expect]:
    """A cover sheet first; the children on the second sheet, under other header words
    (公民身份号码, 证件号码 for the carer) after two empty rows."""
    book = Workbook()
    cover = book.active
    cover.title = "封面"
    cover.append(["2023年困境儿童台账"])
    ws = book.create_sheet("困境儿童")
    ws.append([])
    ws.append([])
    ws.append(["姓名", "公民身份号码", "困境类别", "受委托照护人姓名", "受委托照护人证件号码", "看护人手机"])  # fmt: skip
    birth = date(2013, 2, 2)
    ws.append(["何小红", make_id(birth, male=False), "事实无人抚养", "何奶奶", "", "13600001234"])
    book.save(path)
    return {4: Expect("imported", birth)}
