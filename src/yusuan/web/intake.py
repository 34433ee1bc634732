"""Uploads made into disclosures to review: archives opened, the files of one disclosure grouped.

A .zip that is not a Word or Excel file is an archive of documents. Inside it, the files of one
disclosure (say 某局2024年预算_说明.pdf and 某局2024年预算_表格.pdf) are grouped into one: files in the
same folder of the archive, or whose names agree up to their last separator (_ - — or a space).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ..errors import UnreadableError
from ..readers.sniff import ARCHIVE, sniff_data
from ..sources import member_name

_SEPARATOR = re.compile(r"[_\-—－ ·]+(?=[^_\-—－ ·]*$)")
_HIDDEN = ("__MACOSX/", ".")
_NOT_NAME = re.compile(r"[\d\W_年度]+")
_NAME_LENGTH = 2


class UploadError(ValueError):
    """An upload refused as a whole, with the reason in Chinese."""


@dataclass(slots=True)
class Upload:
    name: str  # as the user named it: never used as a path
    data: bytes


@dataclass(slots=True)
class Group:
    """One disclosure: its files in reading order, or why it cannot be read."""

    name: str
    files: list[Upload] = field(default_factory=list)
    error: str | None = None


def file_format(upload: Upload) -> str:
    """What an upload is, from its content (readers/sniff.py): a format the readers know, or
    ARCHIVE; raises UnreadableError, in Chinese, for what cannot be read."""
    return sniff_data(upload.data, upload.name, archive=True)


def _checked(name: str, files: list[Upload]) -> Group:
    """One disclosure, or why it cannot be read: the first of its files whose content is unreadable."""
    for file in files:
        try:
            if file_format(file) == ARCHIVE:
                return Group(name, error=f"压缩包中又有压缩包（{file.name}），请先解压")
        except UnreadableError as error:
            return Group(name, error=error.message if len(files) == 1 else f"{file.name}：{error.message}")
    return Group(name, files)


def _key(name: str) -> str:
    path = PurePosixPath(name)
    parent = str(path.parent) if str(path.parent) != "." else ""
    if parent:
        return parent
    stem = path.stem
    match = _SEPARATOR.search(stem)
    key = stem[:match.start()] if match and match.start() > 0 else stem
    # a shared year or number (2024_甲局, 2024_乙局) names no disclosure: such files stay apart
    return key if len(_NOT_NAME.sub("", key)) >= _NAME_LENGTH else stem


def _unpack(upload: Upload, max_members: int, max_bytes: int) -> list[Group]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(upload.data))
        infos = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError, EOFError):
        return [Group(upload.name, error="压缩包已损坏或不完整，无法打开")]
    members: list[tuple[str, zipfile.ZipInfo]] = []
    for info in infos:
        name = member_name(info)
        if any(part.startswith(_HIDDEN) for part in PurePosixPath(name).parts) or name.startswith(_HIDDEN):
            continue
        members.append((name, info))
    if not members:
        return [Group(upload.name, error="压缩包中没有文件")]
    if len(members) > max_members:
        return [Group(upload.name, error=f"压缩包中有 {len(members)} 个文件，超过上限 {max_members} 个")]
    if sum(info.file_size for _, info in members) > max_bytes:  # a zip bomb is refused before it unpacks
        return [Group(upload.name, error=f"压缩包解压后超过 {max_bytes // 2**20} MB 的上限")]
    keys: dict[str, list[tuple[str, zipfile.ZipInfo]]] = {}
    for name, info in sorted(members):
        keys.setdefault(_key(name), []).append((name, info))
    groups: list[Group] = []
    for key, group in keys.items():
        label = f"{upload.name}/{key}" if len(group) > 1 else f"{upload.name}/{group[0][0]}"
        try:
            files = [Upload(PurePosixPath(name).name, archive.read(info)) for name, info in group]
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as error:  # RuntimeError: encrypted
            why = "已加密" if isinstance(error, RuntimeError) else "已损坏"
            groups.append(Group(label, error=f"压缩包中的文件{why}，无法解压"))
            continue
        groups.append(_checked(label, files))
    return groups


def groups(uploads: list[Upload], max_members: int = 200, max_bytes: int = 200 * 2**20) -> list[Group]:
    """Every disclosure the uploads hold, in the order given (an archive's in name order)."""
    out: list[Group] = []
    for upload in uploads:
        if not upload.data:
            out.append(Group(upload.name, error="文件为空"))
            continue
        try:
            archive = file_format(upload) == ARCHIVE
        except UnreadableError as error:
            out.append(Group(upload.name, error=error.message))
            continue
        out += _unpack(upload, max_members, max_bytes) if archive else [_checked(upload.name, [upload])]
    return out
