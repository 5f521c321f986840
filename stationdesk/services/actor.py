"""The authenticated worker on whose behalf a service runs, and the permission check."""

from __future__ import annotations

from dataclasses import dataclass

from stationdesk.domain.roles import ROLE_LABELS_ZH, Permission, Role, role_allows

from .errors import PermissionDeniedError

SYSTEM_ACTOR_NAME = "system"

_PERMISSION_ZH = {
    Permission.HANDLE_MATTERS: "办理业务",
    Permission.REVEAL_PERSONAL_DATA: "查看完整个人信息",
    Permission.VIEW_SENSITIVE_TAGS: "查看或登记残疾、健康等敏感信息",
    Permission.APPROVE: "审批（作废、冲突处理）",
    Permission.MANAGE_WORKERS: "管理工作人员",
    Permission.MANAGE_STATION: "管理站点（备份、恢复、设置）",
    Permission.VERIFY_AUDIT: "核验审计记录",
}


@dataclass(frozen=True)
class Actor:
    """A logged-in worker: id, login name, display name and role."""

    worker_id: str
    username: str
    display_name: str
    role: Role

    def can(self, permission: Permission) -> bool:
        """Whether this worker's role grants the permission."""
        return role_allows(self.role, permission)


def require(actor: Actor, permission: Permission) -> None:
    """Raise PermissionDeniedError unless the actor's role grants the permission."""
    if not actor.can(permission):
        raise PermissionDeniedError(
            f"{actor.username} ({actor.role.value}) may not {permission.value.replace('_', ' ')}",
            f"当前角色（{ROLE_LABELS_ZH[actor.role]}）无权{_PERMISSION_ZH[permission]}。",
        )
