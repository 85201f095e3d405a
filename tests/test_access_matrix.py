"""Guard: every e-Office model is isolated per SKPD, or is declared Pemda-wide configuration.

Generated from the registry, so a new model without its ACLs and record rules fails here; generated
from the groups the e-Office modules define, so a new role without a declared policy fails here too.

The access matrix (``TestSkpdAccessMatrix``) crosses every e-Office model with every e-Office role
and two SKPD. Policy, as declared in ``ROLES``:

* Every role reads every e-Office model (ACL level; audit registers aside), inside the SKPD its record rules give it.
* SKPD-isolated roles (staff and every role built on it inside one SKPD) are members of their home
  SKPD only. A record of another SKPD is not found by ``search``, and reading, writing or deleting
  it raises ``AccessError`` (``check_access`` for deleting; ``write`` is also called, so an override
  that skips the check shows). The same role at home in that SKPD finds the record, so a refusal
  comes from the SKPD and not from a rule that hides the record from everyone.
* Pemda-wide roles are members of every SKPD, as the demo users ``bupati``, ``auditor``, ``tapd`` and
  ``bpkad`` are, with their home in one SKPD. They find and read the records of another SKPD for
  the models in their ``reads`` scope (executives, auditors and the Pemda administrator: every
  model; TAPD and BPKAD: the budget), and write or delete them only for the models in their
  ``writes`` scope and as far as their ACLs allow. For every other model they are isolated like
  staff, although they are members of every SKPD.
* Read-only roles (auditors) have no write, create or unlink ACL on any e-Office model.
  Executives do have them (they draft and sign as officials), so for them only the record level
  is checked: nothing of another SKPD is theirs to change.
* Pemda-wide configuration (``PEMDA_WIDE``) is written, created and deleted by its manager group
  (and the roles that imply it) and by no one else.
* Audit registers (``PEMDA_AUDIT``) are read only by the Pemda-wide roles named there, and written,
  created or deleted by no role at all: the workflow appends to them as superuser.
* Every ACL line of an e-Office model belongs to an e-Office group, or to ``base.group_user`` and
  then only reads; no model is open to every user, portal or public through an ACL.

The record of "another SKPD" is, per model, the first record outside the test SKPD that no global
rule hides from a user without seats (so not a confidential letter): demo data for most models,
``FIXTURES`` for those only a workflow creates. A model with neither fails, naming itself.
"""

import os
from pathlib import Path
from typing import NamedTuple

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

# Pemda-wide configuration: no SKPD, readable by every employee, writable by managers only.
PEMDA_WIDE = {
    "eoffice.letter.type": "eoffice_letters.group_letters_manager",
    "eoffice.archive.classification": "eoffice_letters.group_letters_manager",
    "eoffice.disposition.instruction": "eoffice_disposition.group_disposition_manager",
    "eoffice.budget.fiscal.year": "eoffice_budget.group_budget_manager",
    "eoffice.budget.regulation": "eoffice_budget.group_budget_manager",
    "eoffice.budget.code": "eoffice_budget.group_budget_manager",
    "eoffice.budget.funding.source": "eoffice_budget.group_budget_manager",
    "eoffice.budget.price.item": "eoffice_budget.group_budget_manager",
    "eoffice.budget.price.component": "eoffice_budget.group_budget_manager",
    "eoffice.public.holiday": "eoffice_letters.group_letters_manager",
    "eoffice.exchange.peer": "eoffice_skpd.group_pemda_admin",
    "eoffice.exchange.address": "eoffice_skpd.group_pemda_admin",
}

# Registers that only some Pemda-wide roles read and no one writes, creates or deletes (not even those roles):
# the workflow appends their entries as superuser. Their readers are Pemda-wide, so they have no staff rule.
PEMDA_AUDIT = {
    "eoffice.signing.register": ("eoffice_skpd.group_pemda_admin", "eoffice_skpd.group_auditor"),
    "eoffice.login.attempt": ("eoffice_skpd.group_pemda_admin", "eoffice_skpd.group_auditor"),
}
# Audit registers of the Pemda as a whole, with no SKPD (a login belongs to none): only their readers'
# ACLs guard them, and the checks above still apply
PEMDA_AUDIT_WITHOUT_SKPD = {"eoffice.login.attempt"}

# every module of the suite, so that a new one is covered without anyone declaring it
ROOT = Path(os.environ.get("EOFFICE_ROOT", Path(__file__).resolve().parent.parent))
EOFFICE_MODULES = tuple(sorted(path.parent.name for path in ROOT.glob("addons/eoffice_*/__manifest__.py")))
MODES = ("read", "write", "create", "unlink")


def every_model(name):
    return True


def budget_model(name):
    return name.startswith("eoffice.budget.")


def no_model(name):
    return False


class Role(NamedTuple):
    """What a role may do with the records of an SKPD that is not its home (see the module docstring)."""

    reads: object = no_model  # models whose records of every SKPD it finds and reads
    writes: object = no_model  # models whose records of every SKPD it writes and deletes, as far as its ACLs allow
    read_only: bool = False  # no write, create or unlink ACL on any e-Office model

    @property
    def pemda_wide(self):
        """Member of every SKPD, like the demo users bupati, auditor, tapd and bpkad."""
        return self.reads is not no_model


# Every group of the e-Office modules with its policy; a group missing here fails test_every_role_has_a_policy.
ROLES = {
    "eoffice_skpd.group_staff": Role(),
    "eoffice_skpd.group_agendaris": Role(),
    "eoffice_skpd.group_official": Role(),
    "eoffice_skpd.group_skpd_admin": Role(),
    "eoffice_letters.group_letters_manager": Role(),
    "eoffice_disposition.group_disposition_manager": Role(),
    "eoffice_budget.group_budget_operator": Role(),
    "eoffice_skpd.group_executive": Role(reads=every_model),
    "eoffice_skpd.group_auditor": Role(reads=every_model, read_only=True),
    "eoffice_skpd.group_pemda_admin": Role(reads=every_model, writes=every_model),
    "eoffice_budget.group_budget_verifier": Role(reads=budget_model, writes=budget_model),
    "eoffice_budget.group_budget_manager": Role(reads=budget_model, writes=budget_model),
}


def _archive_file(env, skpd):
    classification = env["eoffice.archive.classification"].search([], limit=1)
    return env["eoffice.archive.file"].create({"name": "Berkas Matriks", "company_id": skpd.id,
                                               "classification_id": classification.id})


def _archive_disposal(env, skpd):
    files = env["eoffice.archive.file"].search([("company_id", "=", skpd.id)], limit=1) or _archive_file(env, skpd)
    return env["eoffice.archive.disposal"].create({"name": "Usul Musnah Matriks", "company_id": skpd.id,
                                                   "file_ids": [Command.set(files.ids)],
                                                   "reason": "Uji matriks akses"})


def _price_proposal(env, skpd):
    account = env["eoffice.budget.code"].search([("kind", "=", "account")], limit=1)
    return env["eoffice.budget.price.proposal"].create({
        "name": "Barang Matriks", "uom": "Unit", "price": 1000, "company_id": skpd.id,
        "fiscal_year_id": env["eoffice.budget.fiscal.year"].search([], limit=1).id,
        "account_ids": [Command.set(account.ids)], "justification": "Uji matriks akses"})


def _letter_cosigner(env, skpd):
    position = env["eoffice.position"].create({"name": "Kepala Dinas Matriks", "company_id": skpd.id,
                                               "level": "eselon_2"})
    letter = env["eoffice.letter"].create({"name": "Surat Matriks", "company_id": skpd.id,
                                           "type_id": env["eoffice.letter.type"].search([], limit=1).id})
    return env["eoffice.letter.cosigner"].create({"letter_id": letter.id, "position_id": position.id})


def _signing_certificate(env, skpd):
    return env["eoffice.signing.certificate"].create({"user_id": env.ref("base.user_admin").id,
                                                      "company_id": skpd.id, "subject": "Sertifikat Matriks"})


def _public_request(env, skpd):
    Service = env["eoffice.public.service"].sudo()
    service = Service.search([("company_id", "=", skpd.id), ("code", "=like", "matriks-%")], limit=1)
    if not service:
        position = env["eoffice.position"].create({"name": "Kepala Dinas Layanan Matriks", "company_id": skpd.id,
                                                   "level": "eselon_2"})
        service = Service.create({"name": "Layanan Matriks", "code": f"matriks-{skpd.id}", "company_id": skpd.id,
                                  "position_id": position.id, "published": True})
    values = {"name": "Warga Matriks", "nik": "3374015708900001", "email": "", "phone": "081234567890",
              "subject": "Permohonan Matriks", "message": "Uji matriks akses permohonan daring"}
    return env["eoffice.public.request"]._submit_public(service, values, [])[0]


def _public_survey(env, skpd):
    request = _public_request(env, skpd)
    request._workflow_write({"state": "selesai", "completed_date": request.received_date})
    return env["eoffice.public.survey"].sudo().create({"request_id": request.id,
                                                       **{f"u{i}": 3 for i in range(1, 10)}})


def _exchange_message(env, skpd):
    peer = env["eoffice.exchange.peer"].search([("code", "=", "matriks-mitra")], limit=1) or \
        env["eoffice.exchange.peer"].create({"name": "Instansi Matriks", "code": "matriks-mitra",
                                             "url": "http://127.0.0.1:9"})
    return env["eoffice.exchange.message"].sudo().create({
        "name": "Amplop Matriks", "envelope_uid": f"matriks-{skpd.id}", "direction": "in", "state": "received",
        "peer_id": peer.id, "company_id": skpd.id})


# Models whose records only a workflow creates, so the demo database holds none: each gets one record in the
# second test SKPD. Keep it short; a model that demo data covers does not belong here.
FIXTURES = {
    "eoffice.archive.file": _archive_file,  # filing letters into a berkas
    "eoffice.archive.disposal": _archive_disposal,  # proposing files for disposal after their retention
    "eoffice.budget.price.proposal": _price_proposal,  # an SKPD proposing an item missing from the standard
    "eoffice.letter.cosigner": _letter_cosigner,  # drafting a letter with several signers
    "eoffice.public.request": _public_request,  # a citizen filing a request on the public form
    "eoffice.public.survey": _public_survey,  # a citizen rating a completed request
    "eoffice.signing.certificate": _signing_certificate,  # issuing a signing certificate to an official
    "eoffice.exchange.message": _exchange_message,  # an envelope received from another organisation
}


class _Allowed(Exception):
    """Rolls back an access probe that went through."""


def eoffice_models(env):
    """Every stored e-Office model: not abstract, not a wizard; SQL views (``_auto = False``) included."""
    return sorted(name for name, model in env.registry.items()
                  if name.startswith("eoffice.") and not model._abstract and not model._transient)


@tagged("post_install", "-at_install")
class TestAccessMatrix(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.models = eoffice_models(cls.env)
        cls.staff = new_test_user(cls.env, login="matrix_staff", groups="base.group_user,eoffice_skpd.group_staff")
        cls.auditor = new_test_user(cls.env, login="matrix_auditor",
                                    groups="base.group_user,eoffice_skpd.group_auditor")

    def test_models_found(self):
        self.assertIn("eoffice.position", self.models)

    def test_every_skpd_model_has_acls_and_isolation_rules(self):
        Rule = self.env["ir.rule"]
        staff = self.env.ref("eoffice_skpd.group_staff")
        for name in self.models:
            with self.subTest(model=name):
                model = self.env[name]
                if name in PEMDA_WIDE:
                    self.assertNotIn("company_id", model._fields)
                    continue
                if name in PEMDA_AUDIT_WITHOUT_SKPD:
                    self.assertNotIn("company_id", model._fields)
                    self.assertFalse(model.with_user(self.staff).has_access("read"), f"staff may read {name}")
                    continue
                self.assertIn("company_id", model._fields, f"{name} has no SKPD and is not declared Pemda-wide")
                rules = Rule.search([("model_id.model", "=", name)])
                if name in PEMDA_AUDIT:  # staff cannot read it at all; its readers' rules isolate
                    self.assertFalse(model.with_user(self.staff).has_access("read"), f"staff may read {name}")
                    staff_rules = rules
                else:
                    staff_rules = rules.filtered(lambda r, g=staff: g in r.groups)
                self.assertTrue(staff_rules, f"{name} has no staff isolation rule")
                for rule in staff_rules:
                    self.assertIn("company_id", rule.domain_force)
                self.assertTrue(model.with_user(self.auditor).has_access("read"), name)
                for mode in ("write", "create", "unlink"):
                    self.assertFalse(model.with_user(self.auditor).has_access(mode), f"auditor may {mode} {name}")

    def test_pemda_wide_models_are_read_only_for_staff(self):
        for name, manager_group in PEMDA_WIDE.items():
            with self.subTest(model=name):
                model = self.env[name].with_user(self.staff)
                self.assertTrue(model.has_access("read"))
                with self.assertRaises(AccessError):
                    model.check_access("create")
                manager = new_test_user(self.env, login=f"mgr_{name}", groups=f"base.group_user,{manager_group}")
                self.assertTrue(self.env[name].with_user(manager).has_access("create"))


@tagged("post_install", "-at_install")
class TestSkpdAccessMatrix(TransactionCase):
    """Every e-Office model × every e-Office role × two SKPD, against ``ROLES`` (policy in the module docstring)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.models = eoffice_models(cls.env)
        cls.skpd_models = [name for name in cls.models if "company_id" in cls.env[name]._fields]
        pemda = cls.env.ref("base.main_company")
        cls.home, cls.other = cls.env["res.company"].create([
            {"name": f"Dinas Matriks {letter}", "is_skpd": True, "parent_id": pemda.id, "skpd_type": "dinas",
             "skpd_code": f"9.98.0.00.0.00.0{number}.0000", "skpd_short_code": f"MTX-{letter}",
             "eoffice_letters_live": True, "eoffice_disposition_live": True, "eoffice_budget_live": True}
            for number, letter in ((1, "A"), (2, "B"))])
        cls.all_companies = cls.env["res.company"].search([])
        data = cls.env["ir.model.data"].search([("model", "=", "res.groups"), ("module", "in", EOFFICE_MODULES)])
        cls.role_groups = {xmlid.complete_name: cls.env["res.groups"].browse(xmlid.res_id) for xmlid in data}
        cls.roles = {xmlid: role for xmlid, role in ROLES.items() if xmlid in cls.role_groups}
        for make in FIXTURES.values():
            make(cls.env, cls.other)
        cls.users = {}
        cls._make_users(cls.home)
        neutral = cls.users[("eoffice_skpd.group_auditor", cls.home)]
        cls.targets = {name: cls._target(name, neutral) for name in cls.skpd_models}
        # the same roles at home in the SKPD of those records, to show that the records are visible to someone
        cls._make_users(cls.env["res.company"].union(*(target.company_id for target in cls.targets.values())))

    @classmethod
    def _make_users(cls, homes):
        """A user per role and home SKPD, in one batch and without passwords (hashing them is what is slow)."""
        employee = cls.env.ref("base.group_user")
        keys = [(xmlid, home) for home in homes for xmlid in cls.roles]
        users = cls.env["res.users"].with_context(no_reset_password=True).create([{
            "name": f"Matriks {xmlid} {home.name}", "login": f"matrix_{xmlid}_{home.id}",
            "email": f"matrix.{home.id}@example.com", "company_id": home.id,
            "groups_id": [Command.set((employee | cls.role_groups[xmlid]).ids)],
            "company_ids": [Command.set((cls.all_companies if cls.roles[xmlid].pemda_wide else home).ids)],
        } for xmlid, home in keys])
        cls.users.update(zip(keys, users, strict=True))

    @classmethod
    def _target(cls, name, neutral):
        """The first record outside the home SKPD that no global rule hides from ``neutral`` (a user without seats)."""
        Rule = cls.env["ir.rule"]
        rules = Rule.search([("model_id.model", "=", name), ("global", "=", True), ("perm_read", "=", True)])
        context = Rule.with_user(neutral)._eval_context()
        domain = expression.AND([[("company_id", "!=", cls.home.id), ("company_id.is_skpd", "=", True)]]
                                + [safe_eval(rule.domain_force, context) for rule in rules])
        return cls.env[name].search(domain, limit=1)

    def _as(self, user, records):
        return records.with_user(user).with_context(allowed_company_ids=(user.company_id | user.company_ids).ids)

    def _refusal(self, call):
        """The error ``call`` raises (None if it goes through); whatever it did is rolled back."""
        try:
            with mute_logger("odoo.models", "odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule"), \
                    self.env.cr.savepoint():
                self.env.cr.clear()  # nothing read before may answer from the cache, as in assertRaises
                call()
                raise _Allowed
        except _Allowed:
            return None
        except UserError as error:  # AccessError is a UserError
            return error

    def test_every_role_has_a_policy(self):
        self.assertIn("eoffice_skpd.group_staff", self.role_groups)
        self.assertFalse(set(self.role_groups) - set(ROLES), "e-Office groups without a policy in ROLES")
        self.assertFalse(set(ROLES) - set(self.role_groups), "ROLES names groups that no longer exist")

    def test_every_skpd_model_has_a_record_in_another_skpd(self):
        self.assertIn("eoffice.letter", self.skpd_models)
        for name in self.skpd_models:
            with self.subTest(model=name):
                self.assertTrue(self.targets[name], f"{name} has no record outside the test SKPD that every reader "
                                                    "may see: add demo data, or a FIXTURES entry if only a workflow "
                                                    "creates it")

    def test_acl_matrix(self):
        Access = self.env["ir.model.access"]
        employee = self.env.ref("base.group_user")
        groups = employee.union(*self.role_groups.values())
        problems = []
        for name in self.models:
            lines = Access.search([("model_id.model", "=", name)])
            if not lines:
                problems.append(f"{name}: no ACL line")
            for line in lines:
                if line.group_id not in groups:
                    problems.append(f"{name}: ACL line {line.name} is for "
                                    f"{line.group_id.display_name or 'every user, portal and public included'}")
                elif line.group_id == employee and (line.perm_write or line.perm_create or line.perm_unlink):
                    problems.append(f"{name}: ACL line {line.name} lets every employee change it")
            for xmlid, role in self.roles.items():
                with self.subTest(model=name, role=xmlid):
                    user = self.users[(xmlid, self.home)]
                    allowed = {mode: self._as(user, self.env[name]).has_access(mode) for mode in MODES}
                    if name in PEMDA_AUDIT:
                        reader = any(user.has_group(group) for group in PEMDA_AUDIT[name])
                        if allowed["read"] != reader:
                            problems.append(f"{name}: {xmlid} {'cannot' if reader else 'can'} read it")
                        problems += [f"{name}: {xmlid} may {mode} it" for mode in MODES[1:] if allowed[mode]]
                    elif not allowed["read"]:
                        problems.append(f"{name}: {xmlid} cannot read it")
                    if role.read_only:
                        problems += [f"{name}: read-only {xmlid} may {mode} it" for mode in MODES[1:] if allowed[mode]]
                    if name in PEMDA_WIDE:
                        manager = user.has_group(PEMDA_WIDE[name])
                        problems += [f"{name}: {xmlid} {'may not' if manager else 'may'} {mode} it, but "
                                     f"{'is' if manager else 'is not'} {PEMDA_WIDE[name]}"
                                     for mode in MODES[1:] if allowed[mode] != manager]
        if problems:
            self.fail("\n".join([f"{len(problems)} ACL problems:", *problems]))

    def test_skpd_matrix(self):
        # every cell is checked and all problems listed at the end: under pytest a failing subTest ends the test
        self.assertIn("eoffice_skpd.group_staff", self.roles)
        problems, cells = [], 0
        for name in self.skpd_models:
            target = self.targets[name]
            if not target:
                continue  # test_every_skpd_model_has_a_record_in_another_skpd names it
            for xmlid, role in self.roles.items():
                cells += 1
                with self.subTest(model=name, role=xmlid):
                    if found := self._check_cell(name, target, xmlid, role):
                        problems.append(f"{xmlid} × {name}({target.id}) of {target.company_id.name}: "
                                        + ", ".join(found))
        self.assertGreaterEqual(cells, len(self.skpd_models) * len(self.roles) // 2)
        if problems:
            self.fail("\n".join([f"{len(problems)} of {cells} cells break the policy of ROLES:", *problems]))

    def _check_cell(self, name, target, xmlid, role):
        """What breaks the policy when ``xmlid``, at home in the test SKPD, meets ``target`` of another SKPD."""
        problems = []
        if not self._as(self.users[(xmlid, self.home)], self.env[name]).has_access("read"):
            return [] if name in PEMDA_AUDIT else ["no read ACL (see test_acl_matrix)"]
        peer = self.users[(xmlid, target.company_id)]
        if not self._as(peer, self.env[name]).search([("id", "=", target.id)]):
            problems.append("not even found by the same role at home in that SKPD")

        user = self.users[(xmlid, self.home)]
        Model = self._as(user, self.env[name])
        record = self._as(user, target)
        reads, writes = role.reads(name), role.writes(name)
        if bool(Model.search([("id", "=", target.id)])) != reads:
            problems.append("not found by search" if reads else "found by search")
        refusal = self._refusal(lambda: record.read(["company_id"]))
        if reads and refusal:
            problems.append(f"read refused ({type(refusal).__name__})")
        elif not reads and not isinstance(refusal, AccessError):
            problems.append(f"read refused with {refusal!r}" if refusal else "read allowed")
        for mode in ("write", "unlink"):
            if writes and Model.has_access(mode):
                if not record.has_access(mode):
                    problems.append(f"{mode} refused")
            elif record.has_access(mode):
                problems.append(f"{mode} allowed")
        # and through the ORM call itself, in case an override lets it through before the check; a business
        # refusal (a UserError such as "an approved DPA cannot be changed") is fine as long as check_access refuses
        if not (writes and Model.has_access("write")) and not self._refusal(lambda: record.write({})):
            problems.append("write({}) goes through")
        return problems
