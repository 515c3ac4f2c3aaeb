# Authoring aid for the golden cases: builds snapshot CSVs and writes the hand-written expected
# decisions. Not used at test time (run_golden.sh needs only bash); see ../README.md.
#
# Nothing here computes a decision: every expected row is written literally next to its input
# in make_cases.py, from DOMAIN.md / DATA.md.
import os
import shutil

# Inventory columns in DATA.md order (also the order INVALID reasons are listed in).
INV_COLS = [
    "installation_id", "cohort", "group_id", "meter_mode", "elec_supplier", "gas_supplier",
    "mpan", "mprn",
    "chf_id", "chf_model", "chf_fw",
    "esme_id", "esme_model", "esme_fw",
    "gsme_id", "gsme_model", "gsme_fw",
    "gpf_id", "gpf_model", "gpf_fw",
    "ihd_id", "ihd_model", "ihd_fw", "ihd_upgradable",
    "chf_whitelist", "gsme_last_comms", "network_cert_id",
]
EPCL_COLS = ["entry_id", "chf_model", "chf_fw", "esme_model", "esme_fw", "gsme_model", "gsme_fw",
             "gpf_model", "gpf_fw", "ppmid_model", "ppmid_fw", "basis", "listed_on"]
NULL_CERT = "0000000000000000"
OUTCOME = {"E": "ELIGIBLE", "B": "BLOCKED", "I": "INVALID"}


def mpan_check_digit(first12):
    """DATA.md: multiply by 3,5,7,13,17,19,23,29,31,37,41,43; sum mod 11, then mod 10."""
    w = [3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43]
    return sum(int(d) * k for d, k in zip(first12, w)) % 11 % 10


def valid_mpan(first12):
    assert len(first12) == 12 and first12.isdigit()
    return first12 + str(mpan_check_digit(first12))


def dev_id(case_no, i, dev):
    # Hex letters on purpose, so that case-insensitive comparison matters.
    return "DE-AD-%02X-%02X-%02X-00-BE-%s" % (case_no, i // 256, i % 256, dev)


def csv_field(v):
    if any(c in v for c in ',"\r\n'):
        return '"' + v.replace('"', '""') + '"'
    return v


def csv_text(header, rows, eol="\n"):
    out = [",".join(csv_field(h) for h in header)]
    for r in rows:
        out.append(",".join(csv_field(str(r.get(h, "") if isinstance(r, dict) else r[k]))
                            for k, h in enumerate(header)))
    return eol.join(out) + eol


class Case:
    """One golden case: a snapshot and its runs. Rows are added with their expected decisions."""

    def __init__(self, root, name, case_no, runs):
        self.dir = os.path.join(root, name)
        self.case_no = case_no
        self.runs = runs            # run name -> list of args (after SNAPSHOT_DIR, without --out)
        self.inventory = []         # dicts
        self.expected = []          # (installation_id, {run: "X:reasons:CLASS"})
        self.registration = []
        self.certificates = [("CERT-CADENT-1", "CADENT"), ("CERT-SGN-1", "SGN"),
                             ("CERT-NGN-1", "NGN"), ("CERT-IGTA-1", "IGT-A")]
        self.igt_ranges = [("IGT-A", "7400000000", "7439999999")]
        self.epcl = [
            ("E-ELEC", "CHF-L", "1.4", "ESME-L", "2.1", "", "", "", "", "", "", "TESTED", "2019-06-01"),
            ("E-GAS", "CHF-L", "1.4", "ESME-L", "2.1", "GSME-L", "3.0", "GPF-L", "1.0", "", "", "TESTED", "2019-06-01"),
        ]
        self.assessments = [("DSP-UNO", "1.0", "UNOBTAINABLE", "2021-05-14"),
                            ("DSP-OBT", "1.0", "OBTAINED", "2020-01-20")]
        self.exit_codes = {}        # run -> expected exit code (non-zero)
        self.stderr_contains = {}   # run -> list of strings
        self.errors = {}            # run -> list of (file, line, column); absent = not checked
        self.n = 0

    # -- inventory -------------------------------------------------------------------------
    def row(self, iid, expect, cohort="FOC", group="EA", mode="ACTIVE", gas=False, display=None,
            comms="", cert=None, reg="CADENT", whitelist=None, extra_whitelist=(), **over):
        """Adds an installation. `expect` is "X:reasons:CLASS" for every run, or a dict per run.

        gas=True gives a GSME + GPF (GSME-L 3.0 / GPF-L 1.0), an MPRN and certificate
        CERT-CADENT-1, and a Registration Data row naming `reg` (None: no row; none either when
        the mprn is overridden).
        display=(model, fw, upgradable) gives an in-home display.
        The whitelist holds the ESME, GSME and display unless `whitelist` is given: a string, or a
        function of the final row (e.g. lambda r: r["esme_id"]).
        Any column can then be overridden by keyword.
        """
        self.n += 1
        i = self.n
        c = self.case_no
        r = {k: "" for k in INV_COLS}
        r.update(installation_id=iid, cohort=cohort, group_id=group, meter_mode=mode,
                 elec_supplier="SUP01", mpan=valid_mpan("1%02d%05d0000" % (c, i)),
                 chf_id=dev_id(c, i, "C1"), chf_model="CHF-L", chf_fw="1.4",
                 esme_id=dev_id(c, i, "E1"), esme_model="ESME-L", esme_fw="2.1")
        wl = [r["esme_id"]]
        if gas:
            r.update(gas_supplier="SUP02", mprn="12%02d%06d" % (c, i),
                     gsme_id=dev_id(c, i, "6A"), gsme_model="GSME-L", gsme_fw="3.0",
                     gpf_id=dev_id(c, i, "6F"), gpf_model="GPF-L", gpf_fw="1.0",
                     network_cert_id="CERT-CADENT-1" if cert is None else cert,
                     gsme_last_comms=comms)
            wl.append(r["gsme_id"])
        elif comms:
            r["gsme_last_comms"] = comms
        if display:
            m, fw, up = display
            r.update(ihd_id=dev_id(c, i, "D1"), ihd_model=m, ihd_fw=fw, ihd_upgradable=up)
            wl.append(r["ihd_id"])
        wl.extend(extra_whitelist)
        r["chf_whitelist"] = ";".join(wl) if whitelist is None or callable(whitelist) else whitelist
        for k, v in over.items():
            assert k in INV_COLS, k
            r[k] = v
        if callable(whitelist):
            r["chf_whitelist"] = whitelist(r)
        if gas and "mprn" not in over and reg is not None:
            self.registration.append((r["mprn"], reg))
        self.inventory.append(r)
        if isinstance(expect, str):
            expect = {run: expect for run in self.runs}
        assert set(expect) == set(self.runs), (iid, set(expect) ^ set(self.runs))
        self.expected.append((iid, expect))
        return r

    # -- output ----------------------------------------------------------------------------
    def write_snapshot(self, files=None):
        """Writes the six CSVs. `files` maps a file name to raw text to use instead (None: the
        file is left out)."""
        if os.path.isdir(self.dir):
            shutil.rmtree(self.dir)
        snap = os.path.join(self.dir, "snapshot")
        os.makedirs(snap)
        files = dict(files or {})
        default = {
            "inventory.csv": csv_text(INV_COLS, self.inventory),
            "registration.csv": csv_text(["mprn", "gas_transporter"], self.registration),
            "certificates.csv": csv_text(["cert_id", "party_id"], self.certificates),
            "igt_mprn_ranges.csv": csv_text(["igt_party", "first_mprn", "last_mprn"], self.igt_ranges),
            "epcl.csv": csv_text(EPCL_COLS, self.epcl),
            "ppmid_assessments.csv": csv_text(["ppmid_model", "ppmid_fw", "epcl_data", "assessed_on"],
                                              self.assessments),
        }
        for name, text in default.items():
            content = files.pop(name, text)
            if content is None:          # file deliberately missing
                continue
            with open(os.path.join(snap, name), "w", newline="", encoding="utf-8") as f:
                f.write(content)
        assert not files, files

    def write_runs(self):
        rdir = os.path.join(self.dir, "runs")
        os.makedirs(rdir, exist_ok=True)
        for run, args in self.runs.items():
            with open(os.path.join(rdir, run + ".args"), "w") as f:
                f.write("".join(a + "\n" for a in args))
            code = self.exit_codes.get(run, 0)
            if code:
                with open(os.path.join(rdir, run + ".exit"), "w") as f:
                    f.write("%d\n" % code)
            else:
                lines = ["installation_id,outcome,reasons,display_class"]
                for iid, exp in self.expected:
                    o, reasons, cls = exp[run].split(":")
                    lines.append(",".join([csv_field(iid), OUTCOME[o], reasons, cls]))
                with open(os.path.join(rdir, run + ".expected.csv"), "w", newline="") as f:
                    f.write("\n".join(lines) + "\n")
            if run in self.stderr_contains:
                with open(os.path.join(rdir, run + ".stderr-contains"), "w") as f:
                    f.write("".join(s + "\n" for s in self.stderr_contains[run]))
            errs = self.errors.get(run)
            if errs is not None and not code:
                with open(os.path.join(rdir, run + ".errors-columns"), "w") as f:
                    f.write("".join("%s,%d,%s\n" % e for e in sorted(errs)))

    def invalid_errors(self, first_line=2):
        """(inventory.csv, line, column) for every INVALID row, one per listed column, assuming
        one physical line per row starting at `first_line`."""
        out = []
        for k, (iid, exp) in enumerate(self.expected):
            o, reasons, _ = next(iter(exp.values())).split(":")
            if o == "I":
                out += [("inventory.csv", first_line + k, col) for col in reasons.split(";")]
        return out
