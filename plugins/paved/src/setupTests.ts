import '@testing-library/jest-dom';

// Cards share answers for a while (components/shared/useSharedQuery.ts);
// every test starts without any.
// eslint-disable-next-line import/no-extraneous-dependencies
import { clearSharedQueries } from './components/shared/useSharedQuery';

afterEach(() => clearSharedQueries());
