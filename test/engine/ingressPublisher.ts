/**
 * A Role that may create Ingresses in namespace `team`, bound to one of its service accounts:
 * who may make ingress-nginx act for them (the components' tests, unit and on real apps).
 */
export const ingressPublisher = (
  serviceAccount: string,
) => `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: publish, namespace: team }
rules: [{ apiGroups: [networking.k8s.io], resources: [ingresses], verbs: [create] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: publish, namespace: team }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: publish }
subjects: [{ kind: ServiceAccount, name: ${serviceAccount}, namespace: team }]
`;
