#!/usr/bin/env python3
# Authoring aid: regenerates tests/golden/<case>/ (snapshot + runs) from the tables below.
# Every expected decision is written BY HAND next to its input, from DOMAIN.md and DATA.md; this
# script never runs s1mig. Usage: python3 tests/golden/tools/make_cases.py  (from anywhere).
# Expected codes: "E::CLASS" ELIGIBLE, "B:R1;R2:CLASS" BLOCKED, "I:col1;col2:NONE" INVALID.
# It rewrites only the case directories it knows; delete a renamed case by hand.
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden_lib import (Case, INV_COLS, EPCL_COLS, NULL_CERT, csv_text, csv_field, dev_id)  # noqa: E402

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
U = "UNOBTAINABLE"
O = "OBTAINED"
ESME_ONLY = lambda r: r["esme_id"]   # noqa: E731  a CHF Whitelist holding only the ESME


# ---------------------------------------------------------------------------------------------
# basic-example: the worked example of ../shared/examples/basic, copied verbatim.
# ---------------------------------------------------------------------------------------------
def basic_example():
    src = os.path.join(ROOT, "..", "..", "..", "shared", "examples", "basic")
    if not os.path.isdir(src):
        return
    dst = os.path.join(ROOT, "basic-example")
    if os.path.isdir(dst):
        shutil.rmtree(dst)
    shutil.copytree(os.path.join(src, "snapshot"), os.path.join(dst, "snapshot"))
    runs = os.path.join(dst, "runs")
    os.makedirs(runs)
    for name, extra in [("rules-at-2021-07-01", ["--rules-at", "2021-07-01T12:00:00+01:00"]),
                        ("rules-at-2021-10-13", [])]:
        with open(os.path.join(runs, name + ".args"), "w") as f:
            f.write("".join(a + "\n" for a in ["--as-of", "2021-10-13T09:00:00Z"] + extra))
        shutil.copy(os.path.join(src, "expected-%s.csv" % name), os.path.join(runs, name + ".expected.csv"))
        with open(os.path.join(runs, name + ".errors-columns"), "w") as f:
            f.write("inventory.csv,12,mpan\n")


# ---------------------------------------------------------------------------------------------
# gt01-window: GT01_WHITELIST / GT01_COMMS scope, window boundaries, offsets, case of ids.
#    as_of 2021-10-13T12:00:00Z. "before": rules at 2021-10-11T22:59:59Z = 23:59:59 London on
#    11 Oct, so U1-GT01-72H (from 2021-10-12) is not yet in force; "in-force": all amendments;
#    two more runs give the same as_of instant written differently.
# ---------------------------------------------------------------------------------------------
def gt01_window():
    asof = ["--as-of", "2021-10-13T12:00:00Z"]
    runs = {"before": asof + ["--rules-at", "2021-10-11T22:59:59Z"],
            "in-force": asof,
            "in-force-as-of-plus01:00": ["--as-of", "2021-10-13T13:00:00+01:00"],
            "in-force-as-of-fraction": ["--as-of", "2021-10-13T12:00:00.000Z"]}
    c = Case(ROOT, "gt01-window", 1, runs)

    def both(before, after):
        return {r: (before if r == "before" else after) for r in runs}
    OK, CO = "E::NONE", "B:GT01_COMMS:NONE"
    g = dict(gas=True)
    c.row("W01-ioc-AA-exactly-24h", OK, "IOC", "AA", comms="2021-10-12T12:00:00Z", **g)
    c.row("W02-ioc-AA-24h-plus-1s", both(CO, OK), "IOC", "AA", comms="2021-10-12T11:59:59Z", **g)
    c.row("W03-ioc-AA-exactly-72h", both(CO, OK), "IOC", "AA", comms="2021-10-10T12:00:00Z", **g)
    c.row("W04-ioc-AA-72h-plus-1s", CO, "IOC", "AA", comms="2021-10-10T11:59:59Z", **g)
    c.row("W05-ioc-AA-72h-offset-plus01:00", both(CO, OK), "IOC", "AA",
          comms="2021-10-10T13:00:00+01:00", **g)
    c.row("W06-ioc-AA-72h-plus-1s-offset-plus01:00", CO, "IOC", "AA",
          comms="2021-10-10T12:59:59+01:00", **g)
    c.row("W07-ioc-AA-72h-offset-plus0100-compact", both(CO, OK), "IOC", "AA",
          comms="2021-10-10T13:00:00+0100", **g)
    c.row("W08-ioc-AA-72h-offset-minus05:00", both(CO, OK), "IOC", "AA",
          comms="2021-10-10T07:00:00-05:00", **g)
    c.row("W09-ioc-AA-72h-fraction-zero", both(CO, OK), "IOC", "AA",
          comms="2021-10-10T12:00:00.000Z", **g)
    c.row("W10-ioc-AA-72h-plus-1ms", CO, "IOC", "AA", comms="2021-10-10T11:59:59.999Z", **g)
    c.row("W11-ioc-BA-exactly-72h", both(CO, OK), "IOC", "BA", comms="2021-10-10T12:00:00Z", **g)
    c.row("W12-ioc-CA-48h", both(CO, OK), "IOC", "CA", comms="2021-10-11T12:00:00Z", **g)
    c.row("W13-ioc-CB-48h", both(CO, OK), "IOC", "CB", comms="2021-10-11T12:00:00Z", **g)
    c.row("W14-mocmds-AA-48h", both(CO, OK), "MOC_MDS", "AA", comms="2021-10-11T12:00:00Z", **g)
    c.row("W15-mocmds-CB-72h-plus-1s", CO, "MOC_MDS", "CB", comms="2021-10-10T11:59:59Z", **g)
    c.row("W16-ioc-EA-exactly-24h", OK, "IOC", "EA", comms="2021-10-12T12:00:00Z", **g)
    c.row("W17-ioc-EA-48h-keeps-24h", CO, "IOC", "EA", comms="2021-10-11T12:00:00Z", **g)
    c.row("W18-ioc-DA-24h-plus-1s-keeps-24h", CO, "IOC", "DA", comms="2021-10-12T11:59:59Z", **g)
    c.row("W19-secure-DA-exactly-24h", OK, "MOC_SECURE", "DA", comms="2021-10-12T12:00:00Z", **g)
    c.row("W20-secure-DA-30h-keeps-24h", CO, "MOC_SECURE", "DA", comms="2021-10-12T06:00:00Z", **g)
    c.row("W21-secure-DB-24h-plus-1s", CO, "MOC_SECURE", "DB", comms="2021-10-12T11:59:59Z", **g)
    c.row("W22-foc-gsme-not-whitelisted-no-comms", OK, "FOC", "EA", comms="", whitelist=ESME_ONLY, **g)
    c.row("W23-foc-AA-100h", OK, "FOC", "AA", comms="2021-10-09T08:00:00Z", **g)
    c.row("W24-ioc-AA-empty-comms", CO, "IOC", "AA", comms="", **g)
    c.row("W25-secure-DA-empty-comms", CO, "MOC_SECURE", "DA", comms="", **g)
    c.row("W26-ioc-AA-gsme-not-whitelisted", "B:GT01_WHITELIST:NONE", "IOC", "AA",
          comms="2021-10-13T11:00:00Z", whitelist=ESME_ONLY, **g)
    c.row("W27-ioc-AA-whitelist-lowercase", OK, "IOC", "AA", comms="2021-10-13T11:00:00Z",
          whitelist=lambda r: r["esme_id"] + ";" + r["gsme_id"].lower(), **g)
    c.row("W28-ioc-AA-gsme-id-lowercase", OK, "IOC", "AA", comms="2021-10-13T11:00:00Z",
          gsme_id=dev_id(1, 28, "6A").lower(), **g)
    c.row("W29-ioc-AA-whitelist-spaces-empty-entries-mixed-case", OK, "IOC", "AA",
          comms="2021-10-13T11:00:00Z",
          whitelist=lambda r: " " + r["esme_id"] + " ;; " + r["gsme_id"].replace("DE-AD", "de-Ad") + " ;",
          **g)
    c.row("W30-ioc-AA-empty-whitelist", "B:GT01_WHITELIST:NONE", "IOC", "AA",
          comms="2021-10-13T11:00:00Z", whitelist="", **g)
    c.row("W31-ioc-AA-not-whitelisted-and-100h", "B:GT01_WHITELIST;GT01_COMMS:NONE", "IOC", "AA",
          comms="2021-10-09T08:00:00Z", whitelist=ESME_ONLY, **g)
    c.row("W32-ioc-AA-comms-equal-as-of-via-offset", OK, "IOC", "AA",
          comms="2021-10-13T13:00:00+01:00", **g)
    c.row("W33-ioc-AA-72h-minus-half-second", both(CO, OK), "IOC", "AA",
          comms="2021-10-10T12:00:00.5Z", **g)
    c.row("W34-ioc-AA-no-gsme", OK, "IOC", "AA")
    c.row("W35-mocmds-DA-48h-keeps-24h", CO, "MOC_MDS", "DA", comms="2021-10-11T12:00:00Z", **g)
    c.row("W36-whitelist-has-gpf-not-gsme", "B:GT01_WHITELIST:NONE", "IOC", "AA",
          comms="2021-10-13T11:00:00Z", whitelist=lambda r: r["esme_id"] + ";" + r["gpf_id"], **g)
    c.row("W37-ioc-AA-comms-before-1970", CO, "IOC", "AA", comms="1969-12-31T23:59:59Z", **g)
    c.row("W38-ioc-AA-comms-year-0001", CO, "IOC", "AA", comms="0001-01-01T00:00:00Z", **g)
    c.row("W39-ioc-AA-72h-offset-plus05:30", both(CO, OK), "IOC", "AA",
          comms="2021-10-10T17:30:00+05:30", **g)
    c.row("W40-ioc-AA-comms-2000-02-29", CO, "IOC", "AA", comms="2000-02-29T12:00:00Z", **g)
    c.row("W41-ioc-AA-whitelist-only-separator", "B:GT01_WHITELIST:NONE", "IOC", "AA",
          comms="2021-10-13T11:00:00Z", whitelist=";", **g)
    c.row("W42-ioc-AA-24h-offset-minus09:30", OK, "IOC", "AA", comms="2021-10-12T02:30:00-09:30", **g)
    c.row("W43-ioc-AA-72h-plus-100ns", CO, "IOC", "AA", comms="2021-10-10T11:59:59.9999999Z", **g)
    c.errors = {r: [] for r in c.runs}
    c.write_snapshot()
    c.write_runs()


# ---------------------------------------------------------------------------------------------
# london-midnight-1012: 00:00 London on 12 Oct 2021 is 2021-10-11T23:00:00Z (BST).
# ---------------------------------------------------------------------------------------------
def london_1012():
    late = ["--as-of", "2021-10-11T23:00:00Z"]
    runs = {
        "as-of-22-59-59Z": ["--as-of", "2021-10-11T22:59:59Z"],
        "as-of-23-00-00Z": late,
        "rules-at-23-59-59+01-00": late + ["--rules-at", "2021-10-11T23:59:59+01:00"],
        "rules-at-00-00-00+01-00": late + ["--rules-at", "2021-10-12T00:00:00+01:00"],
        "rules-at-23-30Z-is-12-oct-in-london": late + ["--rules-at", "2021-10-11T23:30:00Z"],
        "rules-at-00-30+02-00-is-11-oct-in-london": late + ["--rules-at", "2021-10-12T00:30:00+02:00"],
        "rules-at-00-00-00+0100-compact": late + ["--rules-at", "2021-10-12T00:00:00+0100"],
    }
    c = Case(ROOT, "london-midnight-1012", 2, runs)
    on = {"as-of-23-00-00Z", "rules-at-00-00-00+01-00", "rules-at-23-30Z-is-12-oct-in-london",
          "rules-at-00-00-00+0100-compact"}

    def sw(off, in_force):
        return {r: (in_force if r in on else off) for r in runs}
    # comms 2021-10-09T23:00:00Z: 47:59:59 or 48:00:00 before as_of; fails 24h, passes 72h.
    c.row("M1-ioc-AA-48h", sw("B:GT01_COMMS:NONE", "E::NONE"), "IOC", "AA", gas=True,
          comms="2021-10-09T23:00:00Z")
    c.row("M2-igt-site-cert-of-igt-reg-names-master", sw("B:NETWORK_PARTY:NONE", "E::NONE"), gas=True,
          mprn="7400000100", cert="CERT-IGTA-1")
    c.registration.append(("7400000100", "CADENT"))
    c.row("M3-secure-DA-48h", "B:GT01_COMMS:NONE", "MOC_SECURE", "DA", gas=True,
          comms="2021-10-09T23:00:00Z")
    c.row("M4-ioc-EA-48h", "B:GT01_COMMS:NONE", "IOC", "EA", gas=True, comms="2021-10-09T23:00:00Z")
    c.row("M5-ppmid-unobtainable-already-ihd", "E::IHD", display=("DSP-UNO", "1.0", "true"))
    c.row("M6-elec-only-control", "E::NONE")
    c.row("M7-ioc-AA-igt-48h", sw("B:GT01_COMMS;NETWORK_PARTY:NONE", "E::NONE"), "IOC", "AA",
          gas=True, comms="2021-10-09T23:00:00Z", mprn="7439999999", cert="CERT-IGTA-1")
    c.registration.append(("7439999999", "CADENT"))
    c.errors = {r: [] for r in c.runs}
    c.write_snapshot()
    c.write_runs()


# ---------------------------------------------------------------------------------------------
# london-midnight-0729: U1-PPMID from 29 Jul 2021 = 2021-07-28T23:00:00Z.
# ---------------------------------------------------------------------------------------------
def london_0729():
    aug = ["--as-of", "2021-08-10T12:00:00Z"]
    runs = {
        "as-of-22-59-59Z": ["--as-of", "2021-07-28T22:59:59Z"],
        "as-of-23-00-00Z": ["--as-of", "2021-07-28T23:00:00Z"],
        "rules-at-23-59-59+01-00": aug + ["--rules-at", "2021-07-28T23:59:59+01:00"],
        "rules-at-00-00-00+01-00": aug + ["--rules-at", "2021-07-29T00:00:00+01:00"],
        "rules-at-00-30+02-00-is-28-jul-in-london": aug + ["--rules-at", "2021-07-29T00:30:00+02:00"],
        "rules-at-00-00-00+0100-compact": aug + ["--rules-at", "2021-07-29T00:00:00+0100"],
        "rules-at-22-59-59.5Z": aug + ["--rules-at", "2021-07-28T22:59:59.5Z"],
    }
    c = Case(ROOT, "london-midnight-0729", 3, runs)
    c.epcl.append(("E-OBT", "CHF-L", "1.4", "ESME-L", "2.1", "", "", "", "", "DSP-OBT", "1.0", "TESTED", "2020-02-10"))
    c.epcl.append(("E-ODD", "CHF-L", "1.4", "ESME-L", "2.1", "", "", "", "", "DSP-ODD", "1.0", "TESTED", "2020-02-10"))
    c.assessments.append(("DSP-ODD", "1.0", U, "2021-04-01"))
    on = {"as-of-23-00-00Z", "rules-at-00-00-00+01-00", "rules-at-00-00-00+0100-compact"}

    def sw(off, in_force):
        return {r: (in_force if r in on else off) for r in runs}
    c.row("P1-unobtainable", sw("B:PPMID_EPCL_DATA:PPMID", "E::IHD"), display=("DSP-UNO", "1.0", "true"))
    c.row("P2-obtained-listed", "E::PPMID", display=("DSP-OBT", "1.0", "true"))
    c.row("P3-not-upgradable", "E::IHD", display=("DSP-BASIC", "1.0", "false"))
    c.row("P4-unobtainable-gas-foc", sw("B:PPMID_EPCL_DATA:PPMID", "E::IHD"), gas=True,
          display=("DSP-UNO", "1.0", "true"))
    c.row("P5-upgradable-no-assessment-unlisted", "B:EPCL_DMC:PPMID", display=("DSP-X", "1.0", "true"))
    c.row("P6-unobtainable-but-listed-as-ppmid", sw("E::PPMID", "E::IHD"), display=("DSP-ODD", "1.0", "true"))
    c.row("P7-unobtainable-base-dmc-unlisted", sw("B:PPMID_EPCL_DATA:PPMID", "B:EPCL_DMC:IHD"),
          display=("DSP-UNO", "1.0", "true"), esme_model="ESME-Q", esme_fw="1.0")
    c.errors = {r: [] for r in c.runs}
    c.write_snapshot()
    c.write_runs()


# ---------------------------------------------------------------------------------------------
# network-party: TMAD Table 5.10 step 5.10.17 and U1-IGT (from 2021-10-12).
# ---------------------------------------------------------------------------------------------
def network_party():
    asof = ["--as-of", "2021-10-13T09:00:00Z"]
    c = Case(ROOT, "network-party", 4, {"before": asof + ["--rules-at", "2021-10-11T22:59:59Z"],
                                         "in-force": asof})
    c.certificates += [("CERT-IGTB-1", "IGT-B"), ("CERT-IGTC-1", "IGT-C"), ("CERT-IGTD-1", "IGT-D"),
                       ("CERT-IGTE-1", "IGT-E")]
    c.igt_ranges = [
        ("IGT-A", "7400000000", "7439999999"),
        ("IGT-B", "7500000000", "7500000999"),
        ("IGT-B", "7500002000", "7500002999"),      # a second range of the same iGT
        ("IGT-C", "7600000000", "7600000999"),
        ("IGT-D", "7600000500", "7600001499"),      # overlaps IGT-C's
        ("IGT-E", "100000", "199999"),              # short MPRNs: compared as numbers
    ]
    NP, OK = "B:NETWORK_PARTY:NONE", "E::NONE"
    EX = {"before": NP, "in-force": OK}      # blocked before U1-IGT, exempt after

    def n(iid, exp, mprn, cert, reg="CADENT", **kw):
        c.row(iid, exp, gas=True, mprn=mprn, cert=cert, **kw)
        if reg is not None:
            c.registration.append((mprn, reg))
    n("N01-cert-party-is-registered-gt", OK, "1204000001", "CERT-CADENT-1")
    n("N02-null-cert-registration-differs", OK, "1204000002", NULL_CERT, reg="NGN")
    n("N03-null-cert-no-registration-row", OK, "1204000003", NULL_CERT, reg=None)
    n("N04-cert-party-differs", NP, "1204000004", "CERT-SGN-1")
    n("N05-no-registration-row", NP, "1204000005", "CERT-CADENT-1", reg=None)
    n("N06-unknown-cert", NP, "1204000006", "CERT-NOBODY-1")
    n("N07-igt-first-of-range", EX, "7400000000", "CERT-IGTA-1")
    n("N08-igt-last-of-range", EX, "7439999999", "CERT-IGTA-1")
    n("N09-igt-last-plus-1", NP, "7440000000", "CERT-IGTA-1")
    n("N10-igt-first-minus-1", NP, "7399999999", "CERT-IGTA-1")
    n("N11-igt-second-range-of-same-party", EX, "7500002500", "CERT-IGTB-1")
    n("N12-igt-gap-between-two-ranges", NP, "7500001500", "CERT-IGTB-1")
    n("N13-igt-in-overlap-of-two-ranges", EX, "7600000700", "CERT-IGTC-1")
    n("N14-igt-only-in-second-overlapping-range", EX, "7600001200", "CERT-IGTD-1")
    n("N15-igt-no-registration-unknown-cert", EX, "7400000500", "CERT-NOBODY-1", reg=None)
    n("N16-igt-registration-already-names-igt", OK, "7400000600", "CERT-IGTA-1", reg="IGT-A")
    n("N17-igt-six-digit-mprn-in-short-range", EX, "150000", "CERT-IGTE-1")
    n("N18-mprn-leading-zeros-compared-as-number", EX, "0000150001", "CERT-IGTE-1")
    n("N19-mprn-8-digits-only-lexically-in-range", NP, "75000005", "CERT-IGTB-1")
    n("N20-duplicate-registration-first-row-counts", OK, "1204000020", "CERT-CADENT-1")
    c.registration.append(("1204000020", "SGN"))
    n("N21-duplicate-registration-second-row-ignored", NP, "1204000021", "CERT-SGN-1")
    c.registration.append(("1204000021", "SGN"))
    c.row("N22-elec-only-no-gpf", OK)
    n("N23-ioc-AA-igt-30h", {"before": "B:GT01_COMMS;NETWORK_PARTY:NONE", "in-force": OK},
      "7400000700", "CERT-IGTA-1", cohort="IOC", group="AA", comms="2021-10-12T03:00:00Z")
    n("N24-almost-null-cert-15-zeros", NP, "1204000024", "000000000000000")
    n("N25-igt-cert-of-other-igt", EX, "7400000800", "CERT-SGN-1")
    n("N26-registration-names-other-party-not-igt", NP, "1204000026", "CERT-IGTA-1")
    # iGT supply points are known from the MPRN (ranges), not from the party Registration Data names.
    n("N27-registration-names-igt-mprn-outside-ranges", NP, "1204000027", "CERT-SGN-1", reg="IGT-A")
    # errors.csv is not checked here: whether a repeated Registration Data MPRN is reported is open.
    c.write_snapshot()
    c.write_runs()


# ---------------------------------------------------------------------------------------------
# epcl-display: the DMC, the EPCL (listed_on) and display classification (assessments).
#    as_of 2021-10-13T09:00:00Z. Runs: in force; rules of 28 Jul 2021 (no U1-PPMID); and
#    as_of 2021-08-15T12:00:00Z (U1-PPMID in force; some entries and assessments not yet dated).
# ---------------------------------------------------------------------------------------------
def epcl_display():
    asof = ["--as-of", "2021-10-13T09:00:00Z"]
    runs = {"in-force": asof, "before-ppmid": asof + ["--rules-at", "2021-07-28T12:00:00Z"],
            "as-of-2021-08-15": ["--as-of", "2021-08-15T12:00:00Z"]}
    c = Case(ROOT, "epcl-display", 5, runs)

    def e(eid, chf, esme, gsme=("", ""), gpf=("", ""), ppmid=("", ""), listed="2019-06-01"):
        c.epcl.append((eid, chf[0], chf[1], esme[0], esme[1], gsme[0], gsme[1], gpf[0], gpf[1],
                       ppmid[0], ppmid[1], "TESTED", listed))
    CHF = ("CHF-L", "1.4")
    ESME = ("ESME-L", "2.1")
    e("E-OBT", CHF, ESME, ppmid=("DSP-OBT", "1.0"), listed="2021-02-01")
    e("E-GAS-OBT", CHF, ESME, ("GSME-L", "3.0"), ("GPF-L", "1.0"), ("DSP-OBT", "1.0"), "2021-02-01")
    e("E-MULTI-A", CHF, ESME, ppmid=("DSP-MULTI-A", "1.0"), listed="2021-09-02")
    e("E-SAME-B", CHF, ESME, ppmid=("DSP-SAME-B", "1.0"), listed="2021-06-15")
    e("E-LATE", CHF, ("ESME-LATE", "1.0"), listed="2021-10-14")
    e("E-EQ", CHF, ("ESME-EQ", "1.0"), listed="2021-10-13")
    e("E-GSME-NO-GPF", CHF, ("ESME-L2", "1.0"), ("GSME-L", "3.0"))
    e("E-FW", CHF, ("ESME-FW", "1.0"))
    e("E-P-OBT", CHF, ("ESME-P", "1.0"), ppmid=("DSP-OBT", "1.0"))
    c.epcl.append(("E-SUBST", "CHF-L", "1.4", "ESME-S", "1.0", "", "", "", "", "", "",
                   "SUBSTANTIVE_EQUIVALENCE", "2021-08-01"))
    c.assessments = [
        ("DSP-UNO", "1.0", U, "2021-05-14"),
        ("DSP-OBT", "1.0", O, "2021-01-10"),
        ("DSP-MULTI-A", "1.0", O, "2021-09-01"),       # latest by date, though earlier in the file
        ("DSP-MULTI-A", "1.0", U, "2021-03-01"),
        ("DSP-MULTI-B", "1.0", O, "2021-03-01"),
        ("DSP-MULTI-B", "1.0", U, "2021-09-01"),
        ("DSP-MULTI-C", "1.0", U, "2021-03-01"),
        ("DSP-MULTI-C", "1.0", O, "2021-11-01"),       # after as_of: ignored
        ("DSP-SAME-A", "1.0", O, "2021-06-01"),
        ("DSP-SAME-A", "1.0", U, "2021-06-01"),        # same date, later row counts
        ("DSP-SAME-B", "1.0", U, "2021-06-01"),
        ("DSP-SAME-B", "1.0", O, "2021-06-01"),
        ("DSP-FUT", "1.0", U, "2021-10-14"),           # after as_of's London date: ignored
        ("DSP-EQ", "1.0", U, "2021-10-13"),            # on as_of's London date: counts
    ]

    def x(inf, before, aug):
        return {"in-force": inf, "before-ppmid": before, "as-of-2021-08-15": aug}
    DMC = "B:EPCL_DMC:NONE"
    c.row("D01-elec-listed", "E::NONE")
    c.row("D02-gas-listed", "E::NONE", gas=True)
    c.row("D03-esme-model-not-listed", DMC, esme_model="ESME-Z", esme_fw="9.9")
    c.row("D04-esme-fw-differs", DMC, esme_fw="2.2")
    c.row("D05-entry-has-gsme-install-has-none", DMC, esme_model="ESME-L2", esme_fw="1.0")
    c.row("D06-install-has-gpf-entry-lacks-it", DMC, gas=True, esme_model="ESME-L2", esme_fw="1.0")
    c.row("D07-listed-on-after-as-of-date", DMC, esme_model="ESME-LATE", esme_fw="1.0")
    c.row("D08-listed-on-equals-as-of-date", x("E::NONE", "E::NONE", DMC), esme_model="ESME-EQ",
          esme_fw="1.0")
    c.row("D09-ppmid-obtained-listed", "E::PPMID", display=("DSP-OBT", "1.0", "true"))
    c.row("D10-ppmid-obtained-gas-listed", "E::PPMID", gas=True, display=("DSP-OBT", "1.0", "true"))
    c.row("D11-ppmid-obtained-dmc-unlisted", "B:EPCL_DMC:PPMID", display=("DSP-OBT", "1.0", "true"),
          esme_model="ESME-Y", esme_fw="1.0")
    c.row("D12-ppmid-no-assessment-unlisted", "B:EPCL_DMC:PPMID", display=("DSP-NONE", "1.0", "true"))
    c.row("D13-unobtainable", x("E::IHD", "B:PPMID_EPCL_DATA:PPMID", "E::IHD"),
          display=("DSP-UNO", "1.0", "true"))
    c.row("D14-unobtainable-model-other-fw-not-assessed", "B:EPCL_DMC:PPMID",
          display=("DSP-UNO", "2.0", "true"))
    c.row("D15-not-upgradable", "E::IHD", display=("DSP-BASIC", "1.0", "false"))
    c.row("D16-not-upgradable-unobtainable-model", "E::IHD", display=("DSP-UNO", "1.0", "false"))
    c.row("D17-not-upgradable-only-ppmid-entry-exists", "B:EPCL_DMC:IHD",
          display=("DSP-OBT", "1.0", "false"), esme_model="ESME-P", esme_fw="1.0")
    c.row("D18-multi-latest-obtained", x("E::PPMID", "E::PPMID", "E::IHD"),
          display=("DSP-MULTI-A", "1.0", "true"))
    c.row("D19-multi-latest-unobtainable", x("E::IHD", "B:PPMID_EPCL_DATA:PPMID", "B:EPCL_DMC:PPMID"),
          display=("DSP-MULTI-B", "1.0", "true"))
    c.row("D20-multi-obtained-later-than-as-of", x("E::IHD", "B:PPMID_EPCL_DATA:PPMID", "E::IHD"),
          display=("DSP-MULTI-C", "1.0", "true"))
    c.row("D21-same-date-later-row-unobtainable", x("E::IHD", "B:PPMID_EPCL_DATA:PPMID", "E::IHD"),
          display=("DSP-SAME-A", "1.0", "true"))
    c.row("D22-same-date-later-row-obtained", "E::PPMID", display=("DSP-SAME-B", "1.0", "true"))
    c.row("D23-assessed-after-as-of", "B:EPCL_DMC:PPMID", display=("DSP-FUT", "1.0", "true"))
    c.row("D24-assessed-on-as-of-date", x("E::IHD", "B:PPMID_EPCL_DATA:PPMID", "B:EPCL_DMC:PPMID"),
          display=("DSP-EQ", "1.0", "true"))
    c.row("D25-unobtainable-base-dmc-unlisted", x("B:EPCL_DMC:IHD", "B:PPMID_EPCL_DATA:PPMID",
                                                  "B:EPCL_DMC:IHD"),
          display=("DSP-UNO", "1.0", "true"), esme_model="ESME-Z", esme_fw="9.9")
    c.row("D26-multi-latest-obtained-dmc-unlisted", x("B:EPCL_DMC:PPMID", "B:EPCL_DMC:PPMID",
                                                      "B:EPCL_DMC:IHD"),
          display=("DSP-MULTI-A", "1.0", "true"), esme_model="ESME-Z", esme_fw="9.9")
    c.row("D27-esme-fw-1.00-vs-listed-1.0", DMC, esme_model="ESME-FW", esme_fw="1.00")
    c.row("D28-esme-fw-1.0-listed", "E::NONE", esme_model="ESME-FW", esme_fw="1.0")
    c.row("D29-substantive-equivalence-entry", "E::NONE", esme_model="ESME-S", esme_fw="1.0")
    c.row("D30-ppmid-obtained-install-without-display-uses-elec-entry", "E::NONE")
    c.row("D31-entry-with-ppmid-install-has-no-display", DMC, esme_model="ESME-P", esme_fw="1.0")
    c.row("D32-dormant-same-rules", "E::NONE", mode="DORMANT")
    c.row("D33-mixed-ppmid-obtained", "E::PPMID", mode="MIXED", display=("DSP-OBT", "1.0", "true"))
    c.errors = {r: [] for r in c.runs}
    c.write_snapshot()
    c.write_runs()


# ---------------------------------------------------------------------------------------------
# epcl-london-date: listed_on / assessed_on against as_of's LONDON date (BST and GMT).
# ---------------------------------------------------------------------------------------------
def epcl_london_date():
    runs = {
        "as-of-2021-10-13T22-59-59Z": ["--as-of", "2021-10-13T22:59:59Z"],   # London 13 Oct
        "as-of-2021-10-13T23-00-00Z": ["--as-of", "2021-10-13T23:00:00Z"],   # London 14 Oct
        "as-of-2021-10-13T23-30-00Z": ["--as-of", "2021-10-13T23:30:00Z"],   # London 14 Oct
        "as-of-2021-10-14T00-30+01-00": ["--as-of", "2021-10-14T00:30:00+01:00"],  # London 14 Oct
        "as-of-2021-10-14T00-30+02-00": ["--as-of", "2021-10-14T00:30:00+02:00"],  # London 13 Oct
        "as-of-2021-10-13T23-30-05-00": ["--as-of", "2021-10-13T23:30:00-05:00"],  # London 14 Oct
        "winter-as-of-2021-12-01T23-30Z": ["--as-of", "2021-12-01T23:30:00Z"],    # London 1 Dec
        "winter-as-of-2021-12-02T00-00Z": ["--as-of", "2021-12-02T00:00:00Z"],    # London 2 Dec
        "rules-at-does-not-move-the-list": ["--as-of", "2021-10-13T22:59:59Z", "--rules-at",
                                            "2021-12-02T12:00:00Z"],              # London 13 Oct
    }
    c = Case(ROOT, "epcl-london-date", 6, runs)
    for esme, listed in [("ESME-D1013", "2021-10-13"), ("ESME-D1014", "2021-10-14"),
                         ("ESME-D1015", "2021-10-15"), ("ESME-D1202", "2021-12-02")]:
        c.epcl.append(("E-" + esme[5:], "CHF-L", "1.4", esme, "1.0", "", "", "", "", "", "", "TESTED", listed))
    c.assessments += [("DSP-A1014", "1.0", U, "2021-10-14"), ("DSP-A1202", "1.0", U, "2021-12-02")]
    d13 = {"as-of-2021-10-13T22-59-59Z", "as-of-2021-10-14T00-30+02-00", "rules-at-does-not-move-the-list"}
    d14 = {"as-of-2021-10-13T23-00-00Z", "as-of-2021-10-13T23-30-00Z", "as-of-2021-10-14T00-30+01-00",
           "as-of-2021-10-13T23-30-05-00"}
    d1201 = {"winter-as-of-2021-12-01T23-30Z"}
    d1202 = {"winter-as-of-2021-12-02T00-00Z"}
    assert d13 | d14 | d1201 | d1202 == set(runs)
    OK, DMC = "E::NONE", "B:EPCL_DMC:NONE"

    def by(r13, r14, r1201, r1202):
        return {r: (r13 if r in d13 else r14 if r in d14 else r1201 if r in d1201 else r1202)
                for r in runs}
    c.row("L1-listed-2021-10-13", OK, esme_model="ESME-D1013", esme_fw="1.0")
    c.row("L2-listed-2021-10-14", by(DMC, OK, OK, OK), esme_model="ESME-D1014", esme_fw="1.0")
    c.row("L3-listed-2021-10-15", by(DMC, DMC, OK, OK), esme_model="ESME-D1015", esme_fw="1.0")
    c.row("L4-listed-2021-12-02", by(DMC, DMC, DMC, OK), esme_model="ESME-D1202", esme_fw="1.0")
    c.row("L5-unobtainable-assessed-2021-10-14",
          by("B:EPCL_DMC:PPMID", "E::IHD", "E::IHD", "E::IHD"), display=("DSP-A1014", "1.0", "true"))
    c.row("L6-unobtainable-assessed-2021-12-02",
          by("B:EPCL_DMC:PPMID", "B:EPCL_DMC:PPMID", "B:EPCL_DMC:PPMID", "E::IHD"),
          display=("DSP-A1202", "1.0", "true"))
    c.errors = {r: [] for r in c.runs}
    c.write_snapshot()
    c.write_runs()


# ---------------------------------------------------------------------------------------------
# amendment-selection: --amendments in-force|none|all|ID,ID and --effective.
#    as_of 2021-10-13T09:00:00Z for every run.
# ---------------------------------------------------------------------------------------------
def amendment_selection():
    T = ["--as-of", "2021-10-13T09:00:00Z"]
    early = ["--rules-at", "2021-07-01T12:00:00+01:00"]
    G, I, P = "U1-GT01-72H", "U1-IGT", "U1-PPMID"
    runs = {  # run -> (args, set of amendments that apply)
        "default-in-force": (T, {G, I, P}),
        "explicit-in-force": (T + ["--amendments", "in-force"], {G, I, P}),
        "none": (T + ["--amendments", "none"], set()),
        "all-with-early-rules-at": (T + early + ["--amendments", "all"], {G, I, P}),
        "rules-at-2021-07-01": (T + early, set()),
        "rules-at-2021-08-01": (T + ["--rules-at", "2021-08-01T00:00:00+01:00"], {P}),
        "list-igt": (T + ["--amendments", I], {I}),
        "list-gt01-and-ppmid": (T + ["--amendments", G + "," + P], {G, P}),
        "list-with-early-rules-at": (T + early + ["--amendments", G], {G}),
        "list-all-three-by-id": (T + early + ["--amendments", P + "," + G + "," + I], {G, I, P}),
        "none-ignores-effective": (T + ["--amendments", "none", "--effective", I + "=2021-01-01"], set()),
        # an explicit list applies exactly those amendments, whatever their (moved) dates
        "list-ignores-effective": (T + ["--amendments", I, "--effective", I + "=2030-01-01"], {I}),
        "all-ignores-effective": (T + ["--amendments", "all", "--effective", P + "=2030-01-01"], {G, I, P}),
        "effective-igt-slipped-to-2021-10-14": (T + ["--effective", I + "=2021-10-14"], {G, P}),
        "effective-igt-on-as-of-date": (T + ["--effective", I + "=2021-10-13"], {G, I, P}),
        "effective-ppmid-moved-to-2021-11-01": (T + ["--effective", P + "=2021-11-01"], {G, I}),
        "effective-gt01-brought-forward": (T + early + ["--effective", G + "=2021-07-01"], {G}),
        "effective-two-slipped": (T + ["--effective", I + "=2021-10-14", "--effective",
                                       G + "=2021-10-14"], {P}),
        "effective-midnight-not-yet": (T + ["--rules-at", "2021-10-12T22:59:59Z", "--effective",
                                            I + "=2021-10-13"], {G, P}),
        "effective-midnight-reached": (T + ["--rules-at", "2021-10-12T23:00:00Z", "--effective",
                                            I + "=2021-10-13"], {G, I, P}),
        # 2021-11-01 is in GMT: London midnight = 2021-11-01T00:00:00Z.
        "effective-gmt-midnight-not-yet": (T + ["--rules-at", "2021-10-31T23:59:59Z", "--effective",
                                                I + "=2021-11-01"], {G, P}),
        "effective-gmt-midnight-reached": (T + ["--rules-at", "2021-11-01T00:00:00Z", "--effective",
                                                I + "=2021-11-01"], {G, I, P}),
        # Clocks go back at 02:00 BST on 2021-10-31: its midnight is still BST, 2021-10-30T23:00Z.
        "effective-fall-back-day-not-yet": (T + ["--rules-at", "2021-10-30T22:59:59Z", "--effective",
                                                 I + "=2021-10-31"], {G, P}),
        "effective-fall-back-day-reached": (T + ["--rules-at", "2021-10-30T23:00:00Z", "--effective",
                                                 I + "=2021-10-31"], {G, I, P}),
        # Clocks go forward at 01:00 GMT on 2022-03-27: its midnight is GMT, 2022-03-27T00:00Z.
        "effective-spring-forward-day-not-yet": (T + ["--rules-at", "2022-03-26T23:59:59Z", "--effective",
                                                      I + "=2022-03-27"], {G, P}),
        "effective-spring-forward-day-reached": (T + ["--rules-at", "2022-03-27T00:00:00Z", "--effective",
                                                      I + "=2022-03-27"], {G, I, P}),
        "effective-spring-forward-day-offset": (T + ["--rules-at", "2022-03-27T00:30:00+00:00",
                                                     "--effective", I + "=2022-03-27"], {G, I, P}),
    }
    c = Case(ROOT, "amendment-selection", 7, {k: v[0] for k, v in runs.items()})

    def exp(fn):
        return {r: fn(s) for r, (_, s) in runs.items()}

    def dec(reasons, cls):
        return ("B:" + ";".join(reasons) + ":" + cls) if reasons else "E::" + cls
    c.row("A1-ioc-AA-30h-needs-gt01-72h",
          exp(lambda s: dec([] if G in s else ["GT01_COMMS"], "NONE")),
          "IOC", "AA", gas=True, comms="2021-10-12T03:00:00Z")
    c.row("A2-igt-site-needs-igt",
          exp(lambda s: dec([] if I in s else ["NETWORK_PARTY"], "NONE")),
          gas=True, mprn="7400001234", cert="CERT-IGTA-1")
    c.registration.append(("7400001234", "CADENT"))
    c.row("A3-unobtainable-display-needs-ppmid",
          exp(lambda s: dec([] if P in s else ["PPMID_EPCL_DATA"], "IHD" if P in s else "PPMID")),
          display=("DSP-UNO", "1.0", "true"))
    c.row("A4-needs-all-three",
          exp(lambda s: dec(([] if G in s else ["GT01_COMMS"]) + ([] if I in s else ["NETWORK_PARTY"])
                            + ([] if P in s else ["PPMID_EPCL_DATA"]), "IHD" if P in s else "PPMID")),
          "IOC", "AA", gas=True, comms="2021-10-12T03:00:00Z", mprn="7400001235", cert="CERT-IGTA-1",
          display=("DSP-UNO", "1.0", "true"))
    c.registration.append(("7400001235", "CADENT"))
    c.row("A5-control-eligible", "E::NONE", gas=True)
    c.row("A6-mocmds-BA-30h-igt-needs-two",
          exp(lambda s: dec(([] if G in s else ["GT01_COMMS"]) + ([] if I in s else ["NETWORK_PARTY"]),
                            "NONE")),
          "MOC_MDS", "BA", gas=True, comms="2021-10-12T03:00:00Z", mprn="7400001236", cert="CERT-IGTA-1")
    c.registration.append(("7400001236", "CADENT"))
    c.row("A7-secure-DA-30h-never-unblocked", "B:GT01_COMMS:NONE", "MOC_SECURE", "DA", gas=True,
          comms="2021-10-12T03:00:00Z")
    c.errors = {r: [] for r in c.runs}
    c.write_snapshot()
    c.write_runs()


# ---------------------------------------------------------------------------------------------
# multi-fail: every failing check listed, in rule-pack order.
# ---------------------------------------------------------------------------------------------
def multi_fail():
    T = ["--as-of", "2021-10-13T09:00:00Z"]
    c = Case(ROOT, "multi-fail", 8, {"in-force": T, "none": T + ["--amendments", "none"]})
    c.row("F1-whitelist-comms-network-dmc", "B:GT01_WHITELIST;GT01_COMMS;NETWORK_PARTY;EPCL_DMC:NONE",
          "IOC", "AA", gas=True, comms="2021-10-09T05:00:00Z", cert="CERT-SGN-1",
          whitelist=ESME_ONLY, esme_model="ESME-Z", esme_fw="9.9")
    c.row("F2-whitelist-comms-network-and-display",
          {"in-force": "B:GT01_WHITELIST;GT01_COMMS;NETWORK_PARTY:IHD",
           "none": "B:GT01_WHITELIST;GT01_COMMS;NETWORK_PARTY;PPMID_EPCL_DATA:PPMID"},
          "IOC", "AA", gas=True, comms="2021-10-09T05:00:00Z", cert="CERT-SGN-1",
          whitelist=lambda r: r["esme_id"] + ";" + r["ihd_id"], display=("DSP-UNO", "1.0", "true"))
    c.row("F3-whitelist-emptycomms-dmc-or-ppmid-data",
          {"in-force": "B:GT01_WHITELIST;GT01_COMMS;EPCL_DMC:IHD",
           "none": "B:GT01_WHITELIST;GT01_COMMS;PPMID_EPCL_DATA:PPMID"},
          "IOC", "AA", gas=True, comms="", cert=NULL_CERT, whitelist="",
          display=("DSP-UNO", "1.0", "true"), esme_model="ESME-Z", esme_fw="9.9")
    c.row("F4-secure-comms-and-dmc", "B:GT01_COMMS;EPCL_DMC:NONE", "MOC_SECURE", "DA", gas=True,
          comms="2021-10-12T03:00:00Z", esme_model="ESME-Z", esme_fw="9.9")
    c.row("F5-mocmds-whitelist-and-no-registration", "B:GT01_WHITELIST;NETWORK_PARTY:NONE",
          "MOC_MDS", "BA", gas=True, comms="2021-10-13T08:00:00Z", reg=None, whitelist=ESME_ONLY)
    c.row("F6-foc-network-and-dmc", "B:NETWORK_PARTY;EPCL_DMC:NONE", gas=True, cert="CERT-NOBODY-1",
          esme_model="ESME-Z", esme_fw="9.9")
    c.row("F7-ioc-AA-igt-100h", {"in-force": "B:GT01_COMMS:NONE", "none": "B:GT01_COMMS;NETWORK_PARTY:NONE"},
          "IOC", "AA", gas=True, comms="2021-10-09T05:00:00Z", mprn="7400000077", cert="CERT-IGTA-1")
    c.registration.append(("7400000077", "CADENT"))
    c.row("F8-ioc-EA-30h-whitelist-ppmid-unlisted", "B:GT01_WHITELIST;GT01_COMMS;EPCL_DMC:PPMID",
          "IOC", "EA", gas=True, comms="2021-10-12T03:00:00Z", whitelist="",
          display=("DSP-NONE", "1.0", "true"))
    c.errors = {r: [] for r in c.runs}
    c.write_snapshot()
    c.write_runs()


# ---------------------------------------------------------------------------------------------
# invalid-rows: every INVALID rule of DATA.md, one per row, and rows with several problems.
#    as_of 2021-10-13T09:00:00Z. Reasons: the invalid columns in DATA.md column order.
# ---------------------------------------------------------------------------------------------
def invalid_rows():
    c = Case(ROOT, "invalid-rows", 9, {"in-force": ["--as-of", "2021-10-13T09:00:00Z"]})
    OK = "E::NONE"
    G = dict(gas=True)
    IOC = dict(cohort="IOC", group="AA", gas=True)
    c.row("V01-valid-control", OK, **G)
    c.row("", "I:installation_id:NONE")
    c.row("V03-duplicate-id", OK)
    c.row("V03-duplicate-id", "I:installation_id:NONE")
    c.row("V03-duplicate-id", "I:installation_id:NONE")
    c.row("V06-dup-first-row-invalid", "I:cohort:NONE", cohort="XOC")
    c.row("V06-dup-first-row-invalid", "I:installation_id:NONE")
    c.row("V08-cohort-unknown", "I:cohort:NONE", cohort="POC")
    c.row("V09-cohort-lowercase", "I:cohort:NONE", cohort="ioc")
    c.row("V10-cohort-empty", "I:cohort:NONE", cohort="")
    c.row("V11-meter-mode-unknown", "I:meter_mode:NONE", mode="SLEEPING")
    c.row("V12-meter-mode-empty", "I:meter_mode:NONE", mode="")
    c.row("V13-group-lowercase", "I:group_id:NONE", group="aa")
    c.row("V14-group-three-letters", "I:group_id:NONE", group="AAA")
    c.row("V15-group-letter-digit", "I:group_id:NONE", group="A1")
    c.row("V16-group-empty", "I:group_id:NONE", group="")
    c.row("V17-ihd-upgradable-TRUE", "I:ihd_upgradable:NONE", display=("DSP-OBT", "1.0", "TRUE"))
    c.row("V18-ihd-upgradable-yes", "I:ihd_upgradable:NONE", display=("DSP-OBT", "1.0", "yes"))
    c.row("V19-ihd-upgradable-empty-with-display", "I:ihd_upgradable:NONE", display=("DSP-OBT", "1.0", ""))
    c.row("V20-ihd-upgradable-false-without-display-ok", OK, ihd_upgradable="false")
    c.row("V21-ihd-upgradable-bad-without-display", "I:ihd_upgradable:NONE", ihd_upgradable="1")
    c.row("V22-chf-id-7-octets", "I:chf_id:NONE", chf_id="DE-AD-09-00-16-00-BE")
    c.row("V23-esme-id-non-hex", "I:esme_id:NONE", esme_id="DE-AD-09-00-17-00-BE-G1", whitelist="")
    c.row("V24-gsme-id-colons", "I:gsme_id:NONE", gsme_id="DE:AD:09:00:18:00:BE:6A", whitelist="", **G)
    c.row("V25-gpf-id-no-separators", "I:gpf_id:NONE", gpf_id="DEAD09001900BE6F", **G)
    c.row("V26-ihd-id-malformed", "I:ihd_id:NONE", display=("DSP-OBT", "1.0", "true"),
          ihd_id="DE-AD-09-00-1A-00-BE-D", whitelist="")
    c.row("V27-chf-model-missing", "I:chf_model:NONE", chf_model="")
    c.row("V28-esme-fw-missing", "I:esme_fw:NONE", esme_fw="")
    c.row("V29-gsme-model-and-fw-missing", "I:gsme_model;gsme_fw:NONE", gsme_model="", gsme_fw="", **G)
    c.row("V30-gpf-id-missing", "I:gpf_id:NONE", gpf_id="", **G)
    c.row("V31-ihd-model-only", "I:ihd_id;ihd_fw:NONE", display=("DSP-OBT", "", "true"), ihd_id="",
          whitelist="")
    c.row("V32-chf-absent", "I:chf_id;chf_model;chf_fw:NONE", chf_id="", chf_model="", chf_fw="")
    c.row("V33-esme-absent", "I:esme_id;esme_model;esme_fw:NONE", esme_id="", esme_model="",
          esme_fw="", whitelist="")
    c.row("V34-gsme-without-gpf", "I:gpf_id:NONE", gpf_id="", gpf_model="", gpf_fw="", **G)
    c.row("V35-gpf-without-gsme", "I:gsme_id:NONE", gsme_id="", gsme_model="", gsme_fw="",
          whitelist=ESME_ONLY, **G)
    c.row("V36-gsme-without-mprn", "I:mprn:NONE", mprn="", **G)
    c.row("V37-mprn-5-digits", "I:mprn:NONE", mprn="12345", **G)
    c.row("V38-mprn-11-digits", "I:mprn:NONE", mprn="12345678901", **G)
    c.row("V39-mprn-non-digit", "I:mprn:NONE", mprn="12345A789", **G)
    c.row("V40-mprn-6-digits-ok", OK, mprn="123456", **G)
    c.registration.append(("123456", "CADENT"))
    c.row("V41-mprn-10-digits-without-gsme-ok", OK, mprn="1234567890")
    c.row("V42-mprn-bad-without-gsme", "I:mprn:NONE", mprn="12AB")
    c.row("V43-mpan-bad-check-digit", "I:mpan:NONE", mpan="1800021679847")
    c.row("V44-mpan-12-digits", "I:mpan:NONE", mpan="180002167984")
    c.row("V45-mpan-14-digits", "I:mpan:NONE", mpan="18000216798480")
    c.row("V46-mpan-non-digit", "I:mpan:NONE", mpan="18000216798A8")
    c.row("V47-mpan-empty", "I:mpan:NONE", mpan="")
    c.row("V48-mpan-1800021679848-valid", OK, mpan="1800021679848")
    c.row("V49-comms-space-not-T", "I:gsme_last_comms:NONE", comms="2021-10-13 08:00:00Z", **IOC)
    c.row("V50-comms-no-offset", "I:gsme_last_comms:NONE", comms="2021-10-13T08:00:00", **IOC)
    c.row("V51-comms-no-seconds", "I:gsme_last_comms:NONE", comms="2021-10-13T08:00Z", **IOC)
    c.row("V52-comms-30-february", "I:gsme_last_comms:NONE", comms="2021-02-30T08:00:00Z", **IOC)
    c.row("V53-comms-hour-25", "I:gsme_last_comms:NONE", comms="2021-10-12T25:00:00Z", **IOC)
    c.row("V54-comms-date-only", "I:gsme_last_comms:NONE", comms="2021-10-13", **IOC)
    c.row("V55-comms-offset-hours-only", "I:gsme_last_comms:NONE", comms="2021-10-13T08:00:00+01", **IOC)
    c.row("V56-comms-after-as-of-by-1s", "I:gsme_last_comms:NONE", comms="2021-10-13T09:00:01Z", **IOC)
    c.row("V57-comms-after-as-of-via-offset", "I:gsme_last_comms:NONE",
          comms="2021-10-13T10:00:01+01:00", **IOC)
    c.row("V58-comms-equal-as-of-via-offset-ok", OK, comms="2021-10-13T10:00:00+01:00", **IOC)
    c.row("V59-comms-fraction-ok", OK, comms="2021-10-13T08:00:00.123456Z", **IOC)
    c.row("V60-comms-compact-offset-ok", OK, comms="2021-10-13T09:00:00+0100", **IOC)
    c.row("V61-comms-without-gsme-after-as-of", "I:gsme_last_comms:NONE", comms="2021-10-14T09:00:00Z")
    c.row("V62-comms-without-gsme-unparseable", "I:gsme_last_comms:NONE", comms="yesterday")
    c.row("V63-gpf-without-cert", "I:network_cert_id:NONE", cert="", **G)
    c.row("V64-cert-without-gpf-ok", OK, network_cert_id="CERT-CADENT-1")
    c.row("V65-whitelist-malformed-entry", "I:chf_whitelist:NONE",
          whitelist=lambda r: r["esme_id"] + ";NOT-A-DEVICE")
    c.row("V66-whitelist-7-octet-entry", "I:chf_whitelist:NONE",
          whitelist=lambda r: r["esme_id"] + ";DE-AD-09-00-42-00-BE")
    c.row("V67-whitelist-spaces-and-empty-entries-ok", OK, comms="2021-10-13T08:00:00Z", **IOC,
          whitelist=lambda r: ";  " + r["esme_id"] + " ; ;" + r["gsme_id"].lower() + "  ;")
    c.row("V68-all-device-ids-lowercase-ok", OK, **IOC, comms="2021-10-13T08:00:00Z",
          chf_id=dev_id(9, 68, "C1").lower(), esme_id=dev_id(9, 68, "E1").lower(),
          gsme_id=dev_id(9, 68, "6A").lower(), gpf_id=dev_id(9, 68, "6F").lower(),
          whitelist=lambda r: r["esme_id"] + ";" + r["gsme_id"])
    c.row("V69-ihd-false-with-display-ok", "E::IHD", display=("DSP-BASIC", "1.0", "false"))
    c.row("V70-several-problems",
          "I:cohort;group_id;mpan;mprn;chf_id;ihd_upgradable;gsme_last_comms;network_cert_id:NONE",
          cohort="XYZ", group="a", mpan="1234", mprn="", chf_id="nope", ihd_upgradable="maybe",
          comms="not-a-time", cert="", **G)
    c.row("V71-several-device-problems", "I:esme_fw;gpf_id;ihd_id;chf_whitelist:NONE",
          esme_fw="", gpf_id="", gpf_model="", gpf_fw="", display=("DSP-OBT", "1.0", "true"),
          ihd_id="DE-AD", whitelist="junk", **G)
    c.row("V72-gsme-partly-and-no-gpf", "I:gsme_fw;gpf_id:NONE", gsme_fw="", gpf_id="", gpf_model="",
          gpf_fw="", **G)
    c.row("V73-gpf-model-only-no-gsme", "I:gsme_id;gpf_id;gpf_fw:NONE", gsme_id="", gsme_model="",
          gsme_fw="", gpf_id="", gpf_fw="", mprn="", whitelist=ESME_ONLY, **G)
    c.row("", "I:installation_id;mpan:NONE", mpan="1800021679840")   # empty id and a bad MPAN
    c.row("V75-comms-month-13", "I:gsme_last_comms:NONE", comms="2021-13-01T08:00:00Z", **IOC)
    c.row("V76-valid-after-invalid-rows", "E::PPMID", display=("DSP-OBT", "1.0", "true"))
    c.row("V77-comms-dot-without-digits", "I:gsme_last_comms:NONE", comms="2021-10-13T08:00:00.Z", **IOC)
    c.row("V78-foc-comms-after-as-of", "I:gsme_last_comms:NONE", comms="2021-10-13T09:30:00Z", gas=True)
    c.row("V01-valid-control", "I:installation_id;mpan:NONE", mpan="1800021679849")
    c.row("v03-duplicate-id", OK)     # ids are text: the case differs, so not a duplicate
    c.row("V81-ihd-upgradable-true-without-display-ok", OK, ihd_upgradable="true")
    c.row("V82-display-id-only-upgradable-empty", "I:ihd_model;ihd_fw;ihd_upgradable:NONE",
          display=("", "", ""), ihd_id="DE-AD-09-00-52-00-BE-D1")
    c.row("V83-gsme-fw-only-and-gpf", "I:gsme_id;gsme_model:NONE", gsme_id="", gsme_model="", **G)
    c.row("V84-comms-leap-day-2020-ok-but-old", "B:GT01_COMMS:NONE", comms="2020-02-29T08:00:00Z", **IOC)
    c.row("V85-comms-offset-plus14:00-ok", OK, comms="2021-10-13T22:00:00+14:00", **IOC)
    c.row("V86-comms-offset-plus25:00", "I:gsme_last_comms:NONE", comms="2021-10-13T08:00:00+25:00", **IOC)
    c.row("V87-comms-year-9999", "I:gsme_last_comms:NONE", comms="9999-12-31T23:59:59Z", **IOC)
    c.row("V88-comms-1900-02-29-not-leap", "I:gsme_last_comms:NONE", comms="1900-02-29T08:00:00Z", **IOC)
    # 1,0,0,...,4: the weighted sum mod 11 is 10, and 10 mod 10 gives check digit 0.
    c.row("V89-mpan-sum-mod-11-is-10-check-0-ok", OK, mpan="1000000000040")
    c.row("V90-mpan-sum-mod-11-is-10-check-1", "I:mpan:NONE", mpan="1000000000041")
    c.epcl.append(("E-OBT", "CHF-L", "1.4", "ESME-L", "2.1", "", "", "", "", "DSP-OBT", "1.0", "TESTED",
                   "2020-02-10"))
    c.errors = {"in-force": c.invalid_errors()}
    c.write_snapshot()
    c.write_runs()


# ---------------------------------------------------------------------------------------------
# csv-bom-crlf-reordered: BOM + CRLF, columns in another order, in every file; a blank line;
#    no line break after the last row of two files.
# ---------------------------------------------------------------------------------------------
def csv_bom_crlf_reordered():
    c = Case(ROOT, "csv-bom-crlf-reordered", 10, {"in-force": ["--as-of", "2021-10-13T09:00:00Z"]})
    c.row("R1-elec-only", "E::NONE")
    c.row("R2-ioc-AA-30h", "E::NONE", "IOC", "AA", gas=True, comms="2021-10-12T03:00:00Z")
    c.row("R3-igt-site", "E::NONE", gas=True, mprn="7400000003", cert="CERT-IGTA-1")
    c.registration.append(("7400000003", "CADENT"))
    c.row("R4-ppmid-unobtainable", "E::IHD", display=("DSP-UNO", "1.0", "true"))
    c.row("R5-wrong-cert", "B:NETWORK_PARTY:NONE", gas=True, cert="CERT-SGN-1")
    c.row("R6-bad-mpan", "I:mpan:NONE", mpan="1800021679847")
    c.row("R7-dmc-not-listed", "B:EPCL_DMC:NONE", esme_model="ESME-Z", esme_fw="9.9")
    BOM = "\ufeff"
    inv_cols = list(reversed(INV_COLS))
    inv_cols[0], inv_cols[5] = inv_cols[5], inv_cols[0]
    files = {
        # a blank line (CRLF) after R3 (line 5), and no line break after the last row
        "inventory.csv": (BOM + csv_text(inv_cols, c.inventory[:3], "\r\n") + "\r\n"
                          + csv_text(inv_cols, c.inventory[3:], "\r\n").split("\r\n", 1)[1])[:-2],
        "registration.csv": BOM + csv_text(["gas_transporter", "mprn"],
                                           [(b, a) for a, b in c.registration], "\r\n"),
        "certificates.csv": BOM + csv_text(["party_id", "cert_id"], [(b, a) for a, b in c.certificates],
                                           "\r\n")[:-2],
        "igt_mprn_ranges.csv": BOM + csv_text(["last_mprn", "igt_party", "first_mprn"],
                                              [(r[2], r[0], r[1]) for r in c.igt_ranges], "\r\n"),
        "epcl.csv": BOM + csv_text(list(reversed(EPCL_COLS)), [tuple(reversed(e)) for e in c.epcl], "\r\n"),
        "ppmid_assessments.csv": BOM + csv_text(["assessed_on", "epcl_data", "ppmid_fw", "ppmid_model"],
                                                [tuple(reversed(a)) for a in c.assessments], "\r\n"),
    }
    c.errors = {"in-force": [("inventory.csv", 8, "mpan")]}   # line 8: after the blank line 5
    c.write_snapshot(files=files)
    c.write_runs()


# ---------------------------------------------------------------------------------------------
# csv-quoting: RFC 4180 quoting (commas, doubled quotes, line breaks), blank lines, short and
#     long rows. Line numbers in errors.csv are the physical lines where the record starts.
# ---------------------------------------------------------------------------------------------
def csv_quoting():
    c = Case(ROOT, "csv-quoting", 11, {"in-force": ["--as-of", "2021-10-13T09:00:00Z"]})

    def line(r, upto=None):
        cols = INV_COLS if upto is None else INV_COLS[:INV_COLS.index(upto) + 1]
        return ",".join(csv_field(r[k]) for k in cols)
    r1 = c.row("Q1-comma,in-id", "E::NONE")
    r2 = c.row('Q2-"doubled"-quotes', "E::NONE")
    r3 = c.row("Q3-line-break-in-supplier", "E::NONE", elec_supplier="SUP\n01", gas_supplier="A, B")
    r4 = c.row("Q4-every-field-quoted", "E::NONE", gas=True)
    r5 = c.row("Q5-invalid-after-multiline", "I:mpan:NONE", mpan="1800021679847")
    r6 = c.row("Q6-short-row-missing-trailing-fields", "E::NONE")
    r7 = c.row("Q7-extra-trailing-fields", "E::NONE")
    r8 = c.row("Q8-quoted-whitelist", "E::NONE", "IOC", "AA", gas=True, comms="2021-10-13T08:00:00Z")
    r9 = c.row("Q9-after-blank-line-invalid", "I:cohort:NONE", cohort="NOPE")
    r10 = c.row("Q10-quoted-empty-fields", "E::NONE")
    r11 = c.row("Q11-short-row-gas-cert-column-missing", "I:network_cert_id:NONE", gas=True)
    r12 = c.row("Q12-crlf-inside-quoted-field", "E::NONE", elec_supplier="SUP\r\n02")
    r13 = c.row("Q13-short-row-cuts-required-device", "I:esme_model;esme_fw:NONE")
    text = [",".join(INV_COLS)]                 # line 1
    text.append(line(r1))                       # line 2
    text.append(line(r2))                       # line 3
    text.append(line(r3))                       # lines 4-5 (line break in elec_supplier)
    text.append(",".join('"' + r4[k].replace('"', '""') + '"' for k in INV_COLS))  # line 6
    text.append(line(r5))                       # line 7
    text.append(line(r6, "chf_whitelist"))      # line 8: gsme_last_comms, network_cert_id missing
    text.append(line(r7) + ",EXTRA1,\"EXTRA,2\"")  # line 9
    r8w = r8["chf_whitelist"].replace(";", " ; ")
    text.append(",".join(('"' + r8w + '"') if k == "chf_whitelist" else csv_field(r8[k])
                         for k in INV_COLS))    # line 10
    text.append("")                             # line 11: blank
    text.append(line(r9))                       # line 12
    text.append(",".join('""' if r10[k] == "" else csv_field(r10[k]) for k in INV_COLS))  # line 13
    text.append(line(r11, "chf_whitelist"))     # line 14: a GPF, but network_cert_id missing
    text.append(line(r12))                      # lines 15-16 (CRLF inside quotes)
    text.append("")                             # line 17: blank
    text.append("")                             # line 18: blank
    text.append(line(r13, "esme_id"))           # line 19: esme_model, esme_fw missing
    text.append("," * (len(INV_COLS) - 1))      # line 20: every field empty (not a blank line)
    c.expected.append(("", {"in-force": "I:installation_id;cohort;group_id;meter_mode;mpan;chf_id;"
                                        "chf_model;chf_fw;esme_id;esme_model;esme_fw:NONE"}))
    inv = "\n".join(text) + "\n"
    c.errors = {"in-force": [("inventory.csv", 7, "mpan"), ("inventory.csv", 12, "cohort"),
                             ("inventory.csv", 14, "network_cert_id"),
                             ("inventory.csv", 19, "esme_model"), ("inventory.csv", 19, "esme_fw")]
                + [("inventory.csv", 20, col) for col in
                   "installation_id cohort group_id meter_mode mpan chf_id chf_model chf_fw esme_id "
                   "esme_model esme_fw".split()]}
    # Reference files with quoting too (values, and a quoted header).
    epcl = csv_text(EPCL_COLS, c.epcl).replace("E-GAS,", '"E-GAS",').replace("TESTED", '"TESTED"')
    certs = '"cert_id","party_id"\n' + csv_text(["cert_id", "party_id"], c.certificates).split("\n", 1)[1]
    c.write_snapshot(files={"inventory.csv": inv, "epcl.csv": epcl, "certificates.csv": certs})
    c.write_runs()


# ---------------------------------------------------------------------------------------------
# unknown-column: unknown columns in inventory and a reference file: ignored, run completes.
# ---------------------------------------------------------------------------------------------
def unknown_column():
    c = Case(ROOT, "unknown-column", 12, {"in-force": ["--as-of", "2021-10-13T09:00:00Z"]})
    c.row("U1-elec-only", "E::NONE")
    c.row("U2-gas-wrong-cert", "B:NETWORK_PARTY:NONE", gas=True, cert="CERT-SGN-1")
    c.row("U3-ppmid-unobtainable", "E::IHD", display=("DSP-UNO", "1.0", "true"))
    cols = INV_COLS[:5] + ["notes"] + INV_COLS[5:]
    rows = [dict(r, notes="free text, ignored") for r in c.inventory]
    inv = csv_text(cols, rows)
    epcl = csv_text(EPCL_COLS + ["comment"], [e + ("ignored",) for e in c.epcl])
    c.stderr_contains = {"in-force": ["notes", "comment"]}
    c.errors = {"in-force": []}
    c.write_snapshot(files={"inventory.csv": inv, "epcl.csv": epcl})
    c.write_runs()


# ---------------------------------------------------------------------------------------------
# reference-malformed: malformed reference rows are reported in errors.csv and skipped.
# ---------------------------------------------------------------------------------------------
def reference_malformed():
    c = Case(ROOT, "reference-malformed", 13, {"in-force": ["--as-of", "2021-10-13T09:00:00Z"]})
    c.certificates.append(("CERT-IGTX-1", "IGT-X"))
    c.epcl = [
        ("E-ELEC", "CHF-L", "1.4", "ESME-L", "2.1", "", "", "", "", "", "", "TESTED", "2019-06-01"),   # 2
        ("E-GAS", "CHF-L", "1.4", "ESME-L", "2.1", "GSME-L", "3.0", "GPF-L", "1.0", "", "", "TESTED", "2019-06-01"),
        ("E-BAD-MONTH", "CHF-L", "1.4", "ESME-B1", "1.0", "", "", "", "", "", "", "TESTED", "2021-13-01"),  # 4
        ("E-BAD-TEXT", "CHF-L", "1.4", "ESME-B2", "1.0", "", "", "", "", "", "", "TESTED", "soon"),         # 5
        ("E-GOOD", "CHF-L", "1.4", "ESME-B3", "1.0", "", "", "", "", "", "", "TESTED", "2021-01-01"),       # 6
        ("E-BAD-DAY", "CHF-L", "1.4", "ESME-B4", "1.0", "", "", "", "", "", "", "TESTED", "2021-02-29"),    # 7
        ("E-SE", "CHF-L", "1.4", "ESME-B6", "1.0", "", "", "", "", "", "", "SUBSTANTIVE_EQUIVALENCE", "2021-01-01"),
    ]
    c.assessments = [
        ("DSP-BAD1", "1.0", "MAYBE", "2021-05-01"),        # line 2: bad epcl_data
        ("DSP-BAD2", "1.0", U, "2021-5-1"),                # line 3: bad assessed_on
        ("DSP-OK", "1.0", U, "2021-05-01"),                # line 4
        ("DSP-BAD3", "1.0", U, "01/05/2021"),              # line 5: bad assessed_on
    ]
    c.igt_ranges = [
        ("IGT-A", "7400000000", "7439999999"),             # line 2
        ("IGT-X", "75000000AB", "7500000999"),             # line 3: bad first_mprn
        ("IGT-Y", "7600000000", "76000009x9"),             # line 4: bad last_mprn
    ]
    c.row("B1-entry-with-bad-month-skipped", "B:EPCL_DMC:NONE", esme_model="ESME-B1", esme_fw="1.0")
    c.row("B2-entry-with-text-date-skipped", "B:EPCL_DMC:NONE", esme_model="ESME-B2", esme_fw="1.0")
    c.row("B3-good-entry-after-bad-rows", "E::NONE", esme_model="ESME-B3", esme_fw="1.0")
    c.row("B4-entry-with-29-feb-2021-skipped", "B:EPCL_DMC:NONE", esme_model="ESME-B4", esme_fw="1.0")
    c.row("B13-substantive-equivalence-entry", "E::NONE", esme_model="ESME-B6", esme_fw="1.0")
    c.row("B5-assessment-bad-value-skipped", "B:EPCL_DMC:PPMID", display=("DSP-BAD1", "1.0", "true"))
    c.row("B6-assessment-bad-date-skipped", "B:EPCL_DMC:PPMID", display=("DSP-BAD2", "1.0", "true"))
    c.row("B7-assessment-ok", "E::IHD", display=("DSP-OK", "1.0", "true"))
    c.row("B8-assessment-slash-date-skipped", "B:EPCL_DMC:PPMID", display=("DSP-BAD3", "1.0", "true"))
    c.row("B9-igt-range-bad-first-skipped", "B:NETWORK_PARTY:NONE", gas=True, mprn="7500000500",
          cert="CERT-IGTX-1")
    c.registration.append(("7500000500", "CADENT"))
    c.row("B10-igt-range-bad-last-skipped", "B:NETWORK_PARTY:NONE", gas=True, mprn="7600000500",
          cert="CERT-IGTX-1")
    c.registration.append(("7600000500", "CADENT"))
    c.row("B11-igt-good-range", "E::NONE", gas=True, mprn="7400000500", cert="CERT-IGTX-1")
    c.registration.append(("7400000500", "CADENT"))
    c.errors = {"in-force": [
        ("epcl.csv", 4, "listed_on"), ("epcl.csv", 5, "listed_on"), ("epcl.csv", 7, "listed_on"),
        ("ppmid_assessments.csv", 2, "epcl_data"), ("ppmid_assessments.csv", 3, "assessed_on"),
        ("ppmid_assessments.csv", 5, "assessed_on"),
        ("igt_mprn_ranges.csv", 3, "first_mprn"), ("igt_mprn_ranges.csv", 4, "last_mprn"),
    ]}
    c.write_snapshot()
    c.write_runs()


# ---------------------------------------------------------------------------------------------
# file-*: file-level errors: exit 2, no output files, the message names the file (and column).
# ---------------------------------------------------------------------------------------------
def file_errors():
    T = ["--as-of", "2021-10-13T09:00:00Z"]

    def base(name, no):
        c = Case(ROOT, name, no, {"run": T})
        c.row("X1-elec-only", "E::NONE")
        c.row("X2-gas", "E::NONE", gas=True)
        c.exit_codes = {"run": 2}
        return c

    c = base("file-missing-inventory-column", 14)
    cols = [k for k in INV_COLS if k != "network_cert_id"]
    c.stderr_contains = {"run": ["inventory.csv", "network_cert_id"]}
    c.write_snapshot(files={"inventory.csv": csv_text(cols, c.inventory)})
    c.write_runs()

    c = base("file-missing-inventory-column-ihd-upgradable", 15)
    cols = [k for k in INV_COLS if k != "ihd_upgradable"]
    c.stderr_contains = {"run": ["inventory.csv", "ihd_upgradable"]}
    c.write_snapshot(files={"inventory.csv": csv_text(cols, c.inventory)})
    c.write_runs()

    c = base("file-missing-reference-column", 16)
    cols = [k for k in EPCL_COLS if k != "listed_on"]
    c.stderr_contains = {"run": ["epcl.csv", "listed_on"]}
    c.write_snapshot(files={"epcl.csv": csv_text(cols, [e[:-1] for e in c.epcl])})
    c.write_runs()

    c = base("file-open-quote-inventory", 17)
    inv = csv_text(INV_COLS, c.inventory) + '"X3-open-quote,FOC,EA,ACTIVE,SUP01\n'
    c.stderr_contains = {"run": ["inventory.csv"]}
    c.write_snapshot(files={"inventory.csv": inv})
    c.write_runs()

    c = base("file-open-quote-reference", 18)
    certs = csv_text(["cert_id", "party_id"], c.certificates) + 'CERT-OPEN,"SGN\n'
    c.stderr_contains = {"run": ["certificates.csv"]}
    c.write_snapshot(files={"certificates.csv": certs})
    c.write_runs()

    c = base("file-missing-file", 19)
    c.stderr_contains = {"run": ["ppmid_assessments.csv"]}
    c.write_snapshot(files={"ppmid_assessments.csv": None})
    c.write_runs()

    c = base("file-empty-inventory", 24)
    c.stderr_contains = {"run": ["inventory.csv"]}
    c.write_snapshot(files={"inventory.csv": ""})
    c.write_runs()


# ---------------------------------------------------------------------------------------------
# header-only: an inventory with a header and no rows: a decisions.csv with only its header.
# ---------------------------------------------------------------------------------------------
def header_only():
    c = Case(ROOT, "header-only", 25, {"in-force": ["--as-of", "2021-10-13T09:00:00Z"]})
    c.errors = {"in-force": []}
    c.write_snapshot()
    c.write_runs()


# ---------------------------------------------------------------------------------------------
# cli-errors: bad arguments are usage errors (exit 2, no output).
# ---------------------------------------------------------------------------------------------
def cli_errors():
    T = ["--as-of", "2021-10-13T09:00:00Z"]
    runs = {
        "ok": T,
        "ok-as-of-compact-offset": ["--as-of", "2021-10-13T10:00:00+0100"],
        "ok-as-of-fraction": ["--as-of", "2021-10-13T09:00:00.25Z"],
        "as-of-without-offset": ["--as-of", "2021-10-13T09:00:00"],
        "as-of-date-only": ["--as-of", "2021-10-13"],
        "rules-at-unparseable": T + ["--rules-at", "yesterday"],
        "rules-at-without-offset": T + ["--rules-at", "2021-10-13T09:00:00"],
        "unknown-amendment-id": T + ["--amendments", "U1-NOPE"],
        "effective-bad-date": T + ["--effective", "U1-IGT=2021-02-30"],
        "effective-unknown-amendment": T + ["--effective", "U1-NOPE=2021-10-14"],
        "effective-datetime-not-date": T + ["--effective", "U1-IGT=2021-10-14T00:00:00Z"],
        "effective-without-date": T + ["--effective", "U1-IGT"],
    }
    c = Case(ROOT, "cli-errors", 20, runs)
    c.row("C1-elec-only", "E::NONE")
    c.exit_codes = {r: 2 for r in runs if not r.startswith("ok")}
    c.errors = {r: [] for r in runs if r.startswith("ok")}
    c.write_snapshot()
    c.write_runs()


# ---------------------------------------------------------------------------------------------
# timestamp-format-strict: project decision: a timestamp is exactly
#    YYYY-MM-DDTHH:MM:SS[.frac](Z|+-HH:MM|+-HHMM): upper-case T and Z, a dot before the fraction,
#    any number of fraction digits. Applies to gsme_last_comms and to --as-of / --rules-at.
# ---------------------------------------------------------------------------------------------
def timestamp_format_strict():
    T = ["--as-of", "2021-10-13T09:00:00Z"]
    runs = {"in-force": T,
            "as-of-lowercase-z": ["--as-of", "2021-10-13T09:00:00z"],
            "as-of-lowercase-t": ["--as-of", "2021-10-13t09:00:00Z"],
            "as-of-comma-fraction": ["--as-of", "2021-10-13T09:00:00,5Z"],
            "rules-at-lowercase-z": T + ["--rules-at", "2021-10-13T09:00:00z"]}
    c = Case(ROOT, "timestamp-format-strict", 21, runs)
    IOC = dict(cohort="IOC", group="AA", gas=True)
    c.row("S1-comms-lowercase-z", "I:gsme_last_comms:NONE", comms="2021-10-13T08:00:00z", **IOC)
    c.row("S2-comms-lowercase-t", "I:gsme_last_comms:NONE", comms="2021-10-13t08:00:00Z", **IOC)
    c.row("S3-comms-comma-fraction", "I:gsme_last_comms:NONE", comms="2021-10-13T08:00:00,5Z", **IOC)
    c.row("S4-comms-10-digit-fraction-ok", "E::NONE", comms="2021-10-13T08:00:00.1234567890Z", **IOC)
    c.row("S5-comms-7-digit-fraction-ok", "E::NONE", comms="2021-10-13T08:00:00.1234567Z", **IOC)
    c.row("S6-control", "E::NONE", comms="2021-10-13T08:00:00Z", **IOC)
    c.exit_codes = {r: 2 for r in runs if r != "in-force"}
    c.errors = {"in-force": c.invalid_errors()}
    c.write_snapshot()
    c.write_runs()


# ---------------------------------------------------------------------------------------------
# timestamp-sub-microsecond: "as_of - gsme_last_comms <= N hours" is exact, whatever the
#    precision of the fraction.
# ---------------------------------------------------------------------------------------------
def timestamp_sub_microsecond():
    runs = {"as-of-exact": ["--as-of", "2021-10-13T12:00:00Z"],
            "as-of-plus-100ns": ["--as-of", "2021-10-13T12:00:00.0000001Z"]}
    c = Case(ROOT, "timestamp-sub-microsecond", 22, runs)
    OK, CO = "E::NONE", "B:GT01_COMMS:NONE"
    IOC = dict(cohort="IOC", group="AA", gas=True)
    c.row("T1-ioc-AA-72h-before-exact-as-of", {"as-of-exact": OK, "as-of-plus-100ns": CO},
          comms="2021-10-10T12:00:00Z", **IOC)
    c.row("T2-ioc-EA-24h-before-exact-as-of", {"as-of-exact": OK, "as-of-plus-100ns": CO},
          comms="2021-10-12T12:00:00Z", cohort="IOC", group="EA", gas=True)
    c.row("T3-ioc-AA-72h-minus-100ns", OK, comms="2021-10-10T12:00:00.0000001Z", **IOC)
    c.row("T4-comms-100ns-after-exact-as-of",
          {"as-of-exact": "I:gsme_last_comms:NONE", "as-of-plus-100ns": OK},
          comms="2021-10-13T12:00:00.0000001Z", **IOC)
    c.errors = {"as-of-exact": [("inventory.csv", 5, "gsme_last_comms")], "as-of-plus-100ns": []}
    c.write_snapshot()
    c.write_runs()


# ---------------------------------------------------------------------------------------------
# reference-unknown-basis: an EPCL row whose basis is neither TESTED nor
#    SUBSTANTIVE_EQUIVALENCE is reported in errors.csv but kept: basis decides nothing (project
#    decision, docs/rules.md).
# ---------------------------------------------------------------------------------------------
def reference_unknown_basis():
    c = Case(ROOT, "reference-unknown-basis", 23, {"in-force": ["--as-of", "2021-10-13T09:00:00Z"]})
    c.epcl += [
        ("E-BAD-BASIS", "CHF-L", "1.4", "ESME-B5", "1.0", "", "", "", "", "", "", "MAYBE", "2021-01-01"),  # 4
        ("E-LOWER-BASIS", "CHF-L", "1.4", "ESME-B6", "1.0", "", "", "", "", "", "", "tested", "2021-01-01"),  # 5
        ("E-SE", "CHF-L", "1.4", "ESME-B7", "1.0", "", "", "", "", "", "", "SUBSTANTIVE_EQUIVALENCE", "2021-01-01"),
    ]
    c.row("K1-entry-with-unknown-basis-kept", "E::NONE", esme_model="ESME-B5", esme_fw="1.0")
    c.row("K2-entry-with-lowercase-basis-kept", "E::NONE", esme_model="ESME-B6", esme_fw="1.0")
    c.row("K3-substantive-equivalence-entry", "E::NONE", esme_model="ESME-B7", esme_fw="1.0")
    c.errors = {"in-force": [("epcl.csv", 4, "basis"), ("epcl.csv", 5, "basis")]}
    c.write_snapshot()
    c.write_runs()


if __name__ == "__main__":
    basic_example()
    gt01_window()
    london_1012()
    london_0729()
    network_party()
    epcl_display()
    epcl_london_date()
    amendment_selection()
    multi_fail()
    invalid_rows()
    csv_bom_crlf_reordered()
    csv_quoting()
    unknown_column()
    reference_malformed()
    file_errors()
    header_only()
    cli_errors()
    timestamp_format_strict()
    timestamp_sub_microsecond()
    reference_unknown_basis()
