#!/usr/bin/python3
"""An ICAO 9303 ePassport (BAC, TD3 MRZ from $VICC_MRZ) in a vpcd reader, from Debian 12's
vsmartcard emulator (python3-virtualsmartcard / vsmartcard-vpicc), which does not run under
Python 3 as packaged. This launcher repairs it in memory, leaving the installed files alone:

- the package lives outside sys.path and imports `Crypto`, which Debian ships as `Cryptodome`;
- TLVutils.pack joins bytes with a str;
- SEutils mixes str and bytes, so every secure-messaging command after BAC fails (6988), and it
  leaves out DO'99' (the status word) that ICAO 9303-11 puts in every protected response;
- the ePass generator asks for the MRZ on stdin.

The test suites start it (tests/setup/pcsc-services.ts) with VICC_PORT set to the first
reader's port; VICC_MRZ (88 characters) defaults to ICAO 9303-11's worked BAC example.
"""
import importlib
import logging
import os
import re
import sys
import types

PACKAGE_DIR = "/usr/lib/python3/site-packages/virtualsmartcard"
WORKED_EXAMPLE_MRZ = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
    "L898902C<3UTO6908061F9406236ZE184226B<<<<<14"
)


def alias_cryptodome():
    sys.path.insert(0, PACKAGE_DIR)
    crypto = importlib.import_module("Cryptodome")
    sys.modules["Crypto"] = crypto
    for name in ("Cipher", "Hash", "Util", "PublicKey", "Random"):
        sys.modules["Crypto." + name] = importlib.import_module("Cryptodome." + name)


def ber_length(n):
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def pack_tlv(items, recalculate_length=False):
    """BER-TLV encoding of [(tag, length, value-or-nested-items), ...], all in bytes."""
    from virtualsmartcard.utils import inttostring

    out = b""
    for item in items:
        if not isinstance(item, (tuple, list)):
            break
        tag, length, value = item[:3]
        if tag in (0x00, 0xFF):
            out += inttostring(tag)
            continue
        if not isinstance(value, bytes):
            value = pack_tlv(value, recalculate_length)
        if recalculate_length:
            length = len(value)
        out += tag.to_bytes((tag.bit_length() + 7) // 8, "big") + ber_length(length) + value
    return out


def load_repaired_seutils():
    """SEutils compiled from its source with str literals made bytes and DO'99' added."""
    import virtualsmartcard

    path = os.path.join(PACKAGE_DIR, "virtualsmartcard", "SEutils.py")
    with open(path) as f:
        source = f.read()
    source = re.sub(r'(?<![b\w"])""(?!")', 'b""', source)
    source = source.replace('"\\x01" + encrypted', 'b"\\x01" + encrypted')
    anchor = '        if sw == SW["NORMAL"]:\n            if self.cct.algorithm is None:'
    if anchor not in source:
        raise SystemExit("vicc-epass: SEutils.py is not the version this launcher repairs")
    source = source.replace(
        anchor,
        '        if sw == SW["NORMAL"]:\n'
        '            return_data += pack([(SM_Class["PLAIN_PROCESSING_STATUS"], 2, inttostring(sw, 2))])\n'
        '            if self.cct.algorithm is None:',
        1,
    )
    module = types.ModuleType("virtualsmartcard.SEutils")
    module.__file__ = path
    sys.modules["virtualsmartcard.SEutils"] = module
    exec(compile(source, path, "exec"), module.__dict__)
    virtualsmartcard.SEutils = module


def xor_bytes(a, b, op):
    if len(a) != len(b):
        raise ValueError("operands differ in length")
    return bytes(op(x, y) for x, y in zip(a, b))


def repair_package():
    import virtualsmartcard.TLVutils as tlv_utils
    import virtualsmartcard.utils as utils

    tlv_utils.pack = pack_tlv
    to_int = utils.stringtoint
    utils.stringtoint = lambda data: data if isinstance(data, int) else to_int(data)
    load_repaired_seutils()
    import virtualsmartcard.CryptoUtils as crypto_utils

    crypto_utils.operation_on_string = xor_bytes


def build_passport(generator):
    """The LDS of our passport: EF.COM, DG1 (the MRZ), DG2 (optional file), DG13 empty."""
    from virtualsmartcard.cards.ePass import PassportSAM
    from virtualsmartcard.SmartcardFilesystem import DF, MF, TransparentStructureEF

    mrz = os.environ.get("VICC_MRZ", WORKED_EXAMPLE_MRZ).encode("ascii")
    if len(mrz) != 88:
        raise SystemExit("vicc-epass: VICC_MRZ must be 88 characters (TD3, two lines of 44)")
    dg2 = b""
    if os.environ.get("VICC_DG2_FILE"):
        with open(os.environ["VICC_DG2_FILE"], "rb") as f:
            dg2 = f.read()
    com = pack_tlv([(0x5F01, 4, b"0107"), (0x5F36, 6, b"040000"), (0x5C, 2, b"\x61\x75")])
    files = {
        0x011E: pack_tlv([(0x60, len(com), com)]),
        0x0101: pack_tlv([(0x61, 0, [(0x5F1F, len(mrz), mrz)])], True),
        0x0102: dg2,
        0x010D: b"",
    }
    mf = MF()
    application = DF(parent=mf, fid=4, dfname=b"\xa0\x00\x00\x02G\x10\x01", bertlv_data=[])
    for fid, data in files.items():
        application.append(
            TransparentStructureEF(parent=application, fid=fid, filedescriptor=0, data=data)
        )
    mf.append(application)
    generator.mf = mf
    generator.sam = PassportSAM(mf)


def main():
    alias_cryptodome()
    repair_package()
    from virtualsmartcard.CardGenerator import CardGenerator
    from virtualsmartcard.VirtualSmartcard import VirtualICC

    CardGenerator._CardGenerator__generate_ePass = build_passport
    level = getattr(logging, os.environ.get("VICC_LOG", "INFO"))
    port = int(os.environ.get("VICC_PORT", "35963"))
    icc = VirtualICC(None, "ePass", os.environ.get("VICC_HOST", "localhost"), port, logginglevel=level)
    try:
        icc.run()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
