"""Why the system refused to read or write a file, in Chinese.

The system's own words (`strerror`: "Permission denied", "No space left on device") are English;
editors, librarians and portal operators read Chinese. Every command and every stage that tells
an OSError tells it through here, so one refusal reads the same everywhere.
"""

from __future__ import annotations

import errno

# also Windows' "in use by another program" (a sharing violation) arrives as EACCES
_WHY = {
    errno.EACCES: "拒绝访问",
    errno.EPERM: "拒绝访问",
    errno.EBUSY: "文件正被其他程序使用",
    errno.ETXTBSY: "文件正被其他程序使用",
    errno.ENOENT: "文件已不存在",
    errno.EROFS: "所在的磁盘是只读的",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一段是文件，不是文件夹",
    errno.EEXIST: "已有同名的文件或文件夹",
    errno.ENOTEMPTY: "文件夹不是空的",
    errno.ELOOP: "链接层层相指，无法打开",
    errno.EIO: "磁盘读写出错（磁盘或网络盘可能有故障）",
    errno.EMFILE: "同时打开的文件太多",
    errno.ENFILE: "同时打开的文件太多",
    errno.EINVAL: "文件名或操作无效",
    errno.EXDEV: "不能跨磁盘移动",
    errno.ENODEV: "设备不存在",
    errno.ENXIO: "设备不存在",
    errno.ETIMEDOUT: "网络盘响应超时",
    errno.ESTALE: "网络盘上的文件已失效",
}
_NO_ROOM = {errno.ENOSPC: "磁盘空间不足", errno.EDQUOT: "超出了磁盘配额", errno.EFBIG: "磁盘空间不足"}
CLEAR_SPACE = "请清理出足够的磁盘空间"


def why_refused(error: OSError) -> str:
    """Why the system refused, in Chinese; one it has no words for, by its code (never its English)."""
    code = error.errno or 0
    known = _NO_ROOM.get(code) or _WHY.get(code)
    if known:
        return known
    if code:
        return f"系统错误 {errno.errorcode.get(code, code)}"
    return f"系统错误（{type(error).__name__}）"


def no_room(error: OSError) -> bool:
    """Whether the disk had no room: no attribute to change, no program to close."""
    return (error.errno or 0) in _NO_ROOM
