/**
 * Section 11 enquiries. An agency's users write to a partnership their agency belongs to and see
 * their agency's threads; the partnership's admins answer, close and reopen them from its inbox,
 * and its reviewers may read them. A partnership whose pages are public also takes enquiries from
 * people not signed in (`public/`). Each page's module holds its routes; this is the table of them.
 */
import type { FastifyInstance } from 'fastify';
import { agencyEnquiryRoutes } from './agency/agency-enquiries.routes.tsx';
import { newEnquiryRoutes } from './agency/new-enquiry.routes.tsx';
import { type EnquiryRoutes, enquiryRoutesContext } from './enquiries-context.ts';
import { inboxRoutes } from './inbox/inbox.routes.tsx';
import { publicEnquiryRoutes } from './public/public-enquiry.routes.tsx';

const ENQUIRY_PAGES: ReadonlyArray<(routes: EnquiryRoutes) => void> = [
  agencyEnquiryRoutes, // GET /enquiries; GET, POST /enquiries/:enquiryId
  newEnquiryRoutes, // GET, POST /enquiries/new
  inboxRoutes, // GET /partnerships/:partnershipId/enquiries, GET, POST …/:enquiryId; POST …/close, …/reopen
  publicEnquiryRoutes, // GET, POST /p/:shortName/enquiries/new; GET …/sent
];

export async function enquiryRoutes(app: FastifyInstance): Promise<void> {
  const routes = enquiryRoutesContext(app);
  for (const register of ENQUIRY_PAGES) register(routes);
}
