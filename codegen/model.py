"""Schema model: loads schema/messages.yaml, checks it strictly, and exposes
Python objects (Schema, Struct, Field) that the templates only iterate over.

Every problem is a SchemaError whose text names the file, the message or
struct, and the field, so a typo in the schema is found in one read."""

import hashlib
import json
import re

import yaml

TYPES = ("string", "id", "u64", "bool", "list")
U64_LIMIT = 2 ** 53  # cJSON keeps numbers as doubles: exact only below 2^53
NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
WIRE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
ID_MAX_LEN = 16
ID_RE = re.compile(r"^[0-9A-Fa-f]{4,%d}$" % ID_MAX_LEN)
PATTERN_RE = re.compile(r"^\[((?:[^\]\\]|\\.)+)\]\*$")

TOP_KEYS = {"name", "doc", "envelope", "structs", "messages"}
OBJECT_KEYS = {"doc", "fields"}
MESSAGE_KEYS = OBJECT_KEYS | {"fingerprinted"}
# The wire key that carries the schema fingerprint on fingerprinted messages.
FINGERPRINT_WIRE = "schema"
# Keys that document a schema without changing what goes on the wire: the
# fingerprint leaves them out, so a new comment or doc keeps it.
DOC_KEYS = {"doc", "example"}
FIELD_KEYS = {"name", "wire", "type", "required", "doc", "example", "max_len",
              "min_len", "pattern", "broadcast", "min", "max", "of", "max_count"}
KEYS_BY_TYPE = {
    "string": {"max_len", "min_len", "pattern"},
    "id": {"broadcast"},
    "u64": {"min", "max"},
    "bool": set(),
    "list": {"of", "max_count"},
}
RESERVED_WIRE = {"src", "dst", "leader", "type"}
C_KEYWORDS = {"auto", "bool", "break", "case", "char", "const", "continue", "default", "do",
              "double", "else", "enum", "extern", "false", "float", "for", "goto", "if",
              "inline", "int", "long", "register", "restrict", "return", "short", "signed",
              "sizeof", "static", "struct", "switch", "true", "typedef", "union", "unsigned",
              "void", "volatile", "while"}


class SchemaError(Exception):
    pass


def c_string(text):
    """A C string literal holding `text` exactly (UTF-8, escaped)."""
    out = []
    for byte in text.encode("utf-8"):
        ch = chr(byte)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 32 <= byte < 127 and ch != "?":
            out.append(ch)
        else:
            out.append("\\%03o" % byte)
    return '"' + "".join(out) + '"'


class Field:
    def __init__(self, where, raw, structs):
        self.where = where
        _check_keys(where, raw, FIELD_KEYS)
        for key in ("name", "type", "required", "doc", "example"):
            if key not in raw:
                raise SchemaError(f"{where}: missing key '{key}'")
        self.name = raw["name"]
        if not isinstance(self.name, str) or not NAME_RE.match(self.name) or self.name in C_KEYWORDS:
            raise SchemaError(f"{where}: name must match {NAME_RE.pattern} and not be a C keyword")
        self.wire = raw.get("wire", self.name)
        if not isinstance(self.wire, str) or not WIRE_RE.match(self.wire):
            raise SchemaError(f"{where}: wire name must match {WIRE_RE.pattern}")
        self.type = raw["type"]
        if self.type not in TYPES:
            raise SchemaError(f"{where}: unknown type '{self.type}' (known: {', '.join(TYPES)})")
        extra = set(raw) & (FIELD_KEYS - {"name", "wire", "type", "required", "doc", "example"})
        wrong = extra - KEYS_BY_TYPE[self.type]
        if wrong:
            raise SchemaError(f"{where}: key '{sorted(wrong)[0]}' does not apply to type {self.type}")
        self.required = _expect(where, raw, "required", bool)
        self.doc = _expect(where, raw, "doc", str)
        self.max_len = _opt_int(where, raw, "max_len")
        self.min_len = _opt_int(where, raw, "min_len") or 0
        self.broadcast = bool(raw.get("broadcast", False))
        self.min = _opt_int(where, raw, "min")
        self.max = _opt_int(where, raw, "max")
        self.max_count = _opt_int(where, raw, "max_count")
        self.pattern = raw.get("pattern")
        self.charset = _charset(where, self.pattern) if self.pattern is not None else None
        self.of = None
        if self.type == "list":
            if "of" not in raw or raw["of"] not in structs:
                raise SchemaError(f"{where}: list needs 'of' naming a declared struct")
            if self.max_count is None:
                raise SchemaError(f"{where}: list needs 'max_count'")
            self.of = structs[raw["of"]]
        if self.type == "string" and self.max_len is None:
            raise SchemaError(f"{where}: string needs 'max_len'")
        if self.type == "u64":
            self.max = U64_LIMIT - 1 if self.max is None else self.max
            self.min = 0 if self.min is None else self.min
            if not 0 <= self.min <= self.max < U64_LIMIT:
                raise SchemaError(f"{where}: need 0 <= min <= max < 2^53")
        self.example = raw["example"]
        self._check_example(where, self.example)

    def _check_example(self, where, value):
        where = f"{where}: example"
        if self.type in ("string", "id") and not isinstance(value, str):
            raise SchemaError(f"{where} must be a string")
        if self.type == "string" and not self.min_len <= len(value.encode()) <= self.max_len:
            raise SchemaError(f"{where} length out of bounds")
        if self.type == "string" and self.charset and any(ord(c) > 255 or ord(c) not in self.charset for c in value):
            raise SchemaError(f"{where} does not match pattern {self.pattern}")
        if self.type == "id" and not ID_RE.match(value):
            raise SchemaError(f"{where} must be 4 to 16 hex digits")
        if self.type == "u64" and (type(value) is not int or not self.min <= value <= self.max):
            raise SchemaError(f"{where} must be an integer in [{self.min}, {self.max}]")
        if self.type == "bool" and not isinstance(value, bool):
            raise SchemaError(f"{where} must be true or false")
        if self.type == "list":
            if not isinstance(value, list) or not value or len(value) > self.max_count:
                raise SchemaError(f"{where} must be a non-empty list of at most max_count items")
            for i, item in enumerate(value):
                if not isinstance(item, dict):
                    raise SchemaError(f"{where}[{i}] must be a mapping")
                self.of.check_example(f"{where}[{i}]", item)

    @property
    def fixed_bytes(self):
        """The most bytes this member takes in compact JSON apart from its
        string's characters or its list's items: "wire": and a comma, the
        quotes or brackets, a number's or an id's longest form."""
        value = {"string": 2, "id": 2 + ID_MAX_LEN, "u64": len(str(self.max if self.type == "u64" else 0)),
                 "bool": len("false"), "list": 2}[self.type]
        return len(f'"{self.wire}":') + value + 1

    @property
    def example_c(self):
        """The example as a C expression (scalars only)."""
        if self.type in ("string", "id"):
            return c_string(self.example)
        if self.type == "bool":
            return "true" if self.example else "false"
        return f"UINT64_C({self.example})"

    @property
    def wrong_json(self):
        """A JSON value of the wrong type for this field."""
        return '"x"' if self.type in ("u64", "bool", "list") else "7"

    @property
    def charset_table(self):
        """256 flags, 1 where the pattern allows the byte."""
        return [1 if b in self.charset else 0 for b in range(256)]


class Struct:
    """A message body, the envelope, or a named struct used in lists."""

    def __init__(self, where, name, raw, structs, is_message=False):
        self.name = name
        self.where = where
        self.is_message = is_message
        if not isinstance(raw, dict):
            raise SchemaError(f"{where}: must be a mapping with doc and fields")
        _check_keys(where, raw, MESSAGE_KEYS if is_message else OBJECT_KEYS)
        self.fingerprinted = raw.get("fingerprinted", False)
        if not isinstance(self.fingerprinted, bool):
            raise SchemaError(f"{where}: 'fingerprinted' must be true or false")
        self.doc = raw.get("doc")
        if not isinstance(self.doc, str) or not self.doc:
            raise SchemaError(f"{where}: missing key 'doc'")
        fields = raw.get("fields")
        if not isinstance(fields, list):
            raise SchemaError(f"{where}: 'fields' must be a list")
        self.fields = []
        seen_names, seen_wire = set(), set()
        for i, fraw in enumerate(fields):
            label = fraw.get("name", f"#{i}") if isinstance(fraw, dict) else f"#{i}"
            fwhere = f"{where}.{label}"
            if not isinstance(fraw, dict):
                raise SchemaError(f"{fwhere}: must be a mapping")
            field = Field(fwhere, fraw, structs)
            if field.name in seen_names:
                raise SchemaError(f"{fwhere}: duplicate field name '{field.name}'")
            if field.wire in seen_wire:
                raise SchemaError(f"{fwhere}: duplicate wire name '{field.wire}'")
            if is_message and field.wire in RESERVED_WIRE:
                raise SchemaError(f"{fwhere}: wire name '{field.wire}' is reserved for the envelope")
            if is_message and self.fingerprinted and field.wire == FINGERPRINT_WIRE:
                raise SchemaError(f"{fwhere}: wire name '{field.wire}' carries the schema fingerprint")
            seen_names.add(field.name)
            seen_wire.add(field.wire)
            self.fields.append(field)

    @property
    def has_strings(self):
        return any(f.type == "string" for f in self.fields)

    @property
    def needs_free(self):
        return any(f.type in ("string", "list") for f in self.fields)

    def check_example(self, where, item):
        by_wire = {f.wire: f for f in self.fields}
        for key in item:
            if key not in by_wire:
                raise SchemaError(f"{where}: unknown field '{key}'")
        for field in self.fields:
            if field.required and field.wire not in item:
                raise SchemaError(f"{where}: missing required field '{field.wire}'")
            if field.wire in item:
                field._check_example(f"{where}.{field.wire}", item[field.wire])


def _meaning(node):
    """The schema without what only documents it (comments are gone
    already): what decides the bytes on the wire and their checks."""
    if isinstance(node, dict):
        return {k: _meaning(v) for k, v in node.items() if k not in DOC_KEYS}
    if isinstance(node, list):
        return [_meaning(v) for v in node]
    return node


def fingerprint(raw):
    """16 hex digits of SHA-256 over the schema's meaning, in a canonical
    JSON form: peers built from schemas that differ only in docs, examples
    or comments agree; any change to a name, type, limit or flag does not."""
    canonical = json.dumps(_meaning(raw), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


class Schema:
    def __init__(self, path):
        self.path = path
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
            raw = yaml.safe_load(text)
        except (OSError, yaml.YAMLError) as e:
            raise SchemaError(f"{path}: {e}")
        if not isinstance(raw, dict):
            raise SchemaError(f"{path}: top level must be a mapping")
        self.fingerprint = fingerprint(raw)
        _check_keys(path, raw, TOP_KEYS)
        for key in TOP_KEYS:
            if key not in raw:
                raise SchemaError(f"{path}: missing key '{key}'")
        self.name = raw["name"]
        self.doc = raw["doc"]
        self.structs = {}
        for name, sraw in _mapping(path, raw, "structs").items():
            self._check_name(f"{path}: struct {name}", name)
            self.structs[name] = Struct(f"{path}: struct {name}", name, sraw, self.structs)
        self.envelope = Struct(f"{path}: envelope", "envelope", raw["envelope"], {})
        head, rest = self.envelope.fields[:3], self.envelope.fields[3:]
        if [f.wire for f in head] != ["src", "dst", "leader"] or \
                any(f.type != "id" or not f.required for f in head):
            raise SchemaError(f"{path}: envelope must start with the required ids src, dst, leader")
        # The test-bed's datagrams carry only those three; anything more is
        # optional, and a plain value (the envelope is copied, never freed).
        for f in rest:
            if f.required or f.type not in ("u64", "bool", "id"):
                raise SchemaError(f"{path}: envelope field {f.name} must be optional and a u64, bool or id")
        self.messages = []
        for name, mraw in _mapping(path, raw, "messages").items():
            where = f"{path}: message {name}"
            self._check_name(where, name)
            if name in self.structs:
                raise SchemaError(f"{where}: duplicate name (also a struct)")
            self.messages.append(Struct(where, name, mraw, self.structs, is_message=True))

    @property
    def max_depth(self):
        """The deepest nesting of JSON objects and arrays a message declares:
        1 for a flat message, 3 for one with a list of objects."""
        def depth(s):
            return 1 + max([1 + depth(f.of) for f in s.fields if f.type == "list"], default=0)
        return max(depth(m) for m in self.messages)

    @property
    def max_members(self):
        """The most members a declared object has: a message's envelope,
        "type", the fingerprint and its own fields, or a struct's fields."""
        sizes = [len(self.envelope.fields) + 1 + int(m.fingerprinted) + len(m.fields) for m in self.messages]
        return max(sizes + [len(s.fields) for s in self.structs.values()])

    def fixed_bytes(self, obj):
        """The most bytes of obj's compact JSON apart from its strings'
        characters and its lists' items: the braces and every member, for
        a message its envelope, "type" and the fingerprint too."""
        n = 2 + sum(f.fixed_bytes for f in obj.fields)
        if obj.is_message:
            n += sum(f.fixed_bytes for f in self.envelope.fields)
            n += len(f'"type":"{obj.name}",')
            if obj.fingerprinted:
                n += len(f'"{FINGERPRINT_WIRE}":"{self.fingerprint}",')
        return n

    @staticmethod
    def _check_name(where, name):
        if not isinstance(name, str) or not NAME_RE.match(name) or name in ("any", "envelope", "error", "type", "path") or name in C_KEYWORDS:
            raise SchemaError(f"{where}: name must match {NAME_RE.pattern} and not be reserved")

    def example(self, msg):
        """The message's example as a dict, in the order encode writes it."""
        out = {f.wire: f.example for f in self.envelope.fields}
        out["type"] = msg.name
        if msg.fingerprinted:
            out[FINGERPRINT_WIRE] = self.fingerprint
        out.update({f.wire: f.example for f in msg.fields})
        return out

    def example_json(self, msg):
        return to_json(self.example(msg))

    def rejections(self, msg):
        """(test name, JSON text, error code, path) for every required field,
        at every depth: one case with it missing, one with a wrong JSON type."""
        cases = [("missing_type", _mutated(self.example(msg), ["type"], None),
                  "MSG_ERR_MISSING", "message.type"),
                 ("wrong_type_type", _mutated(self.example(msg), ["type"], 7),
                  "MSG_ERR_TYPE", "message.type")]
        if msg.fingerprinted:
            path = f"{msg.name}.{FINGERPRINT_WIRE}"
            cases.append(("missing_schema_fingerprint", _mutated(self.example(msg), [FINGERPRINT_WIRE], None),
                          "MSG_ERR_SCHEMA", path))
            cases.append(("another_schema_fingerprint",
                          _mutated(self.example(msg), [FINGERPRINT_WIRE], "0" * len(self.fingerprint)),
                          "MSG_ERR_SCHEMA", path))
            undeclared = self.example(msg)
            undeclared["undeclared"] = 1
            cases.append(("undeclared_member", undeclared, "MSG_ERR_UNKNOWN_FIELD", f"{msg.name}.undeclared"))
        for field, keys, path in self._required_fields(msg):
            label = "_".join(str(k) for k in keys)
            cases.append((f"missing_{label}", _mutated(self.example(msg), keys, None),
                          "MSG_ERR_MISSING", path))
            wrong = json.loads(field.wrong_json)
            cases.append((f"wrong_type_{label}", _mutated(self.example(msg), keys, wrong),
                          "MSG_ERR_TYPE", path))
        return [(name, to_json(doc), code, path) for name, doc, code, path in cases]

    def _required_fields(self, msg):
        for f in self.envelope.fields:
            if f.required:
                yield f, [f.wire], f"{msg.name}.{f.wire}"
        for f in msg.fields:
            if not f.required:
                continue
            yield f, [f.wire], f"{msg.name}.{f.wire}"
            if f.type == "list":
                for sub in f.of.fields:
                    if sub.required:
                        yield sub, [f.wire, 0, sub.wire], f"{msg.name}.{f.wire}[0].{sub.wire}"

    def assertions(self, msg):
        """(C expression, field type, expected C value) for each scalar the
        example sets, as the round-trip test compares them after decoding."""
        out = []
        for f in self.envelope.fields:
            if not f.required:
                out.append((f"m.as.env._present.{f.name}", "bool", "true"))
            out.append((f"m.as.env.{f.name}", f.type, f.example_c))
        for f in msg.fields:
            expr = f"m.as.{msg.name}.{f.name}"
            if not f.required:
                out.append((f"m.as.{msg.name}._present.{f.name}", "bool", "true"))
            if f.type != "list":
                out.append((expr, f.type, f.example_c))
                continue
            out.append((f"m.as.{msg.name}._count.{f.name}", "size", str(len(f.example))))
            for i, item in enumerate(f.example):
                for sub in f.of.fields:
                    if sub.wire in item:
                        shadow = Field.__new__(Field)
                        shadow.type, shadow.example = sub.type, item[sub.wire]
                        out.append((f"{expr}[{i}].{sub.name}", sub.type, shadow.example_c))
        return out


def to_json(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _mutated(doc, keys, value):
    """A deep copy of doc with the item at `keys` removed (value None) or replaced."""
    doc = json.loads(json.dumps(doc))
    target = doc
    for key in keys[:-1]:
        target = target[key]
    if value is None:
        del target[keys[-1]]
    else:
        target[keys[-1]] = value
    return doc


def _check_keys(where, raw, allowed):
    if not isinstance(raw, dict):
        raise SchemaError(f"{where}: must be a mapping")
    for key in raw:
        if key not in allowed:
            raise SchemaError(f"{where}: unknown key '{key}'")


def _mapping(path, raw, key):
    value = raw[key]
    if not isinstance(value, dict):
        raise SchemaError(f"{path}: '{key}' must be a mapping")
    return value


def _expect(where, raw, key, kind):
    value = raw[key]
    if not isinstance(value, kind):
        raise SchemaError(f"{where}: '{key}' must be {kind.__name__}")
    return value


def _opt_int(where, raw, key):
    value = raw.get(key)
    if value is not None and (type(value) is not int or value < 0):
        raise SchemaError(f"{where}: '{key}' must be a non-negative integer")
    return value


def _charset(where, pattern):
    match = PATTERN_RE.match(pattern) if isinstance(pattern, str) else None
    if not match:
        raise SchemaError(f"{where}: pattern must be one bracket expression and '*', like \"[0-9A-Z]*\"")
    body = match.group(1).encode("latin-1", "replace")
    allowed, i = set(), 0
    while i < len(body):
        lo = body[i]
        if lo == ord("\\"):
            i += 1
            lo = body[i]
        if i + 2 < len(body) and body[i + 1] == ord("-"):
            hi = body[i + 2]
            if hi < lo:
                raise SchemaError(f"{where}: pattern range {chr(lo)}-{chr(hi)} is reversed")
            allowed.update(range(lo, hi + 1))
            i += 3
        else:
            allowed.add(lo)
            i += 1
    return allowed
