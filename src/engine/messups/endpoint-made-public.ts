import { cond } from '../graph/facts';
import type { MessUpTemplate } from './template';

export const template: MessUpTemplate<undefined> = {
  id: 'endpoint-made-public',
  category: 'misconfiguration',
  title: 'The API endpoint is made public again',
  description:
    'Someone opens the private API endpoint to the Internet, for a contractor or a CI system outside the VPN, and forgets to close it.',
  references: ['cis:5.4.1'],
  describe: () => 'Someone makes the API endpoint public again',
  generate(ctx) {
    const s = ctx.model.apiServer.publicEndpoint;
    if (!s.value)
      ctx.candidate({
        target: 'api-server',
        about: undefined,
        provides: [cond.apiPublic],
        at: [s.at],
      });
  },
};
