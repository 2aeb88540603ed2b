"""Synthetic county months for 阳谷县 (371521): messy input files plus the answer key recon is checked
against.

`generate(out_dir, month, seed, scale, formats)` writes one month of files into `out_dir` and the answers
into `out_dir/_answers/` (recon skips folders and files whose names start with "_"). It is the ground
truth, so it uses nothing of recon's readers, normalisers, linker or rules (only the ID check character of
`recon.normalize.ids`, which its tests check against python-stdnum): the answers (`answers.py`) are
computed in plain Python from the clean tables (`clean.py`) before any mess is applied (`mess.py`,
`write.py`).

Modules: ids (ID arithmetic), people (places, names, population), records (the clean record schema and
the roll vocabulary), base_rolls (the base population's rolls), planted/ (the planted cases: `planter`
helpers, one module per rule family — d_deaths, t_tekun, c_coverage, s_subsidies, x_overlaps, q_quality —
plus links for the fuzzy links and decoys, planted in the order of `planted.PLANTERS`), base_lists (the base rows of the other offices' lists), payments (the regular payment lines),
previous (last month's roll), answers_more (reference E/R/K/P/M rules), write_lists (their layouts), id_damage (blank,
invalid and float-damaged IDs, legacy 15-digit numbers), clean (`build`: planted cases, base rolls, ID
damage, in that order), answers (reference rules), mess (cosmetic damage), layout (xlsx/xls/csv/parquet
writers), write (which file holds what), generate (the entry point).

Files (mixed format, month 2020-04):
- 2020年4月农村低保花名册.xlsx  dibao, one sheet per rural town; two title rows; every third sheet has a
  two-row header with merged 户主信息 / 成员信息 over 户主姓名, 户主身份证号 / 成员姓名, 公民身份号码 (the
  other headers merged vertically); 序号; blank rows; 合计 row on every sheet; 小计 rows per village on
  every fifth sheet; 保障起始年月 as real date cells, Excel serial numbers, "2019-03" or "2019年3月"
  depending on the sheet; float-damaged IDs as numeric cells. Households grouped by 户主身份证号 (no
  household number).
- 城市低保.xls (xlwt)  dibao, urban; 低保证号, 身份证号码, 家庭人口数, 保障金额, 社区; title row; 合计;
  numeric ID.
- 特困人员名册.csv  tekun, GBK; a title line above the header; float damage written as "3.71521E+17" and
  as 15 digits + "000"; 供养方式 as 集中供养/集中/分散供养/分散; amounts with 元.
- 残疾人证持证人员.xlsx  disability; 残疾类别 as 肢体 / 肢体残疾; 残疾等级 as 一级 / 1级 / 1 / 二 / 三级
  …; numeric ID cells; blank rows.
- 两项补贴发放明细.xlsx  subsidy with 补贴类别 (生活补贴 / 困难残疾人生活补贴 / 护理补贴 / 重度残疾人护理
  补贴); title row; 合计 with 元 and thousands separators.
- 护理补贴.csv  subsidy, UTF-8 with BOM, no 补贴类别 column (the type is in the file name).
- 火化记录.csv  cremation, UTF-8 without BOM; dates mixed row by row: 2020-03-05, 2020/3/5, 2020.3.5,
  20200305, 2020年3月5日; 死亡日期 sometimes blank; 住址 "阳谷县阿城镇张庄村" or "山东省阳谷县…".
- 防返贫监测对象.xlsx  poverty; 户编号; 人均纯收入 as numbers, "8,285.00" and "8285元"; numeric ID cells.

- 公安户籍注销人员名单.xlsx  death; 注销原因 死亡 / 迁出 / 服兵役; 死亡日期 blank on some rows (注销日期 then);
  dates as date cells and as text.
- 财政供养人员名单.csv (GBK), 机动车登记信息.xls (所有人, 身份证明号码, 车辆类型, 机动车状态 as text and
  codes), 市场主体登记信息.xlsx (注册资本（万元）, 登记状态), 不动产登记信息.csv (UTF-8 BOM; 不动产单元号,
  房屋坐落, 规划用途), 养老金发放名单.xlsx (险种, 发放年月, 月领取金额), 村干部及经办人员名单.xlsx,
  近亲属备案表.xlsx (享受人员, 关联干部), 孤儿和事实无人抚养儿童名册.csv (儿童类别, 监护人姓名).
- 惠民一本通发放明细.xlsx  payment; sheet 城乡低保 with 发放月份 (2020-04 / 2020年04月 / 202004) and
  项目 城乡低保/农村低保金, sheet 特困供养 with the month only in its title; 账户名, 账号.
- _上月/  last month's dibao rolls (rural xlsx, urban xls) for M1 (`--previous-input`); not an input.

Cosmetic messes (they must not change any answer), in every file unless said: IDs with lowercase x,
full-width digits, spaces around and inside, a trailing tab, an apostrophe prefix, a zero-width space (not
in the GBK file), 15-digit legacy numbers (people born 19xx; not in cremation or subsidy files); names
with an inner space, a full-width space, a trailing space; minority names with `·` `•` `.` `・` (GBK file:
`·` `.`); amounts with 元, thousands separators, blanks. A traditional-character name (劉國華) appears in
one source only.

Destructive ID messes (blank, invalid, float-damaged) sit only on people found in that one source, with
names nobody else in the county has (compound surnames), so they give Q1/Q3 rows and nothing else;
exceptions are the planted fuzzy cases. Q1 values are written without cosmetic mess (the answer's
id_number is that value).

Planted cases (`_answers/planted.csv`: case, id_number, name, present, absent, note), each at every scale:
- D1: death last month; death 22 months ago; 死亡日期 blank with 火化日期 last month; death on the last
  days of the previous month with cremation on the 1st (death date wins); a dead single elderly person
  (D1, not T1). Not D1: death inside the roster month; 死亡日期 blank with cremation inside the roster
  month.
- Fuzzy links recon must make: a blank-ID cremation record with the same name + 出生日期 + 乡镇 as a dibao
  member (D1); a cremation ID with one wrong digit, same name (D1, and Q1 on the cremation record); two
  adjacent digits swapped on a disabled dibao member with both subsidies (D1, D3 x2, D4, Q1).
- Decoys that must not link: a living 王秀英 in the village where a blank-ID 王秀英 with another birth
  date died; a living 张伟 in the village of a dead 张伟 with his own valid ID; two living 张桂兰 with the
  same birth date in 郭屯镇 and a blank-ID 张桂兰 of that birth date cremated there (ambiguous: no link,
  no anomaly).
- D2 x3, D3/D4 (care subsidy + grade 1 certificate, dead), D4 only.
- T1: single person aged exactly 60 on the roster month's first day (born on 04-01) is T1, one day younger
  is not; single minor (12); intellectual grade 3 counts, physical grade 3 does not; mental grade 2
  counts; a two-member household with elderly members is not T1; a single person already on tekun is X1,
  not T1.
- X1 x3; X2: rural + urban household, two rural households, the same person twice in one household.
- C1 x3, C2 x3, C3 x2 uncovered households; not C: covered through one member only (on dibao in a
  household of his own), covered through tekun, and a 脱贫户 (not monitored).
- S1 x3; S2 x3; S3: care subsidy for grade 3 (and grade 4, and no certificate); S4 x3 and one on dibao;
  S5: tekun people with a living, a care, and both subsidies.
- Q2: 李秀英 (dibao) / 李秀瑛 (poverty), 张伟 (tekun) / 张玮 (disability), 刘桂兰 / 刘桂芝 (not
  homophones); minority names with different dots across sources are not Q2.
- Q4: certificate ID one digit off, type digit differs, grade digit differs.
- Q1 planted: bad check character, province 99, birth year in the future; plus base Q1 (bad check, missing
  digit, month 13, extra digit). Q3: numeric cells in xlsx/xls, "3.71521E+17" and "…000" text in CSV.
- IDs of other 聊城 counties (371502, 371522) and another province (410928): valid, not Q1.
- Death list (d_death_list): deaths only on it (D1 by 死亡日期, D1 by 注销日期, D2, D3/D4), a 迁出 and a
  服兵役 row (not deaths), a death inside the month; one person in both sources 25 days apart (D1 and the
  data-quality note death_date_conflict), one 1 day apart (no note).
- E (e_means): E1 dibao member / tekun person, a namesake (not E1); E2 car, tekun truck with code G; not
  E2: motorcycle, 残疾人专用车, 三轮汽车, 低速货车, 拖拉机, a 注销/报废/E-coded car; E3 company, 个体工商户
  ≥ 10 万; not E3: 注销 company, 3 万 个体工商户; E4 two homes, a 商业 property; not E4: one home, one
  home co-owned by two members; E5 1850 元, 620 + 480 元 in one month; not E5: 150 元 basic, 800 元.
- R1 (r_cadres): a cadre's household of three, a clerk in his mother's household (mother filed: not R1),
  a cadre on tekun; a cadre on no roll whose father and brother are on dibao (not R1).
- K1 (k_children): parents both dead (cremation + death list; 长子, 之子/次女, 孙子 of 儿子/儿媳 in a
  poverty household, a dead head dropped from the roll); not K1: one parent alive, on the child-welfare
  roster, mother 迁出, 侄子, exactly 18, mother died in the month. K2: intellectual 3, physical 1, mental 2
  (边缘易致贫户, C2 too); not K2: 60, physical 3, 17, household covered by the head's dibao.
- P (p_payments): P1 x2, P2 household and
  tekun, P3 short and over, P4 x2, P5 tekun and dibao; not P: spouse as payee, a line of last month,
  a 16-year-old paid through her aunt's account (a note), a child's line paid to the mother in the
  household. Every other household and tekun person is paid what the roll approves (payments.py).
- M1 (m_exits; answers in expected_previous.csv): a household, one member, an urban household gone; not
  M1: died last month, died in the roster month, moved to tekun; an entry this month.
- Amounts a rule compares (roll amounts, payment and pension lines) are never blanked.

Tests: tests/sample/ (determinism, answer coverage of every rule code, each planted case present/absent,
file formats and encodings, and reading the messes back with polars/fastexcel).
"""

from recon.sample.generate import GeneratedSample, generate

__all__ = ["GeneratedSample", "generate"]
