import { catalogSuite } from "./catalog-suite";

catalogSuite("processes");
