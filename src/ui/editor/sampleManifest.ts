export const sampleManifest = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  containers:
    - name: web
      image: nginx:1.27
      securityContext:
        privileged: false
        runAsNonRoot: true
`;
