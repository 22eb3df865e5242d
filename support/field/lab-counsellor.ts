/** The counsellor the lab's Node service creates for its appointments (`serve.ts`). */
export const LAB_COUNSELLOR = { email: "anna@example.org", password: "correct horse battery" };
